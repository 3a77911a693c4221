import { describe, expect, it } from "vitest";
import { parseDirtyRateInfo, parseMigrationInfo, parseStatusInfo } from "./qmp-commands";

// Answers as QEMU 7.2 gave them during a migration of the tiny guest.
const active = {
  "expected-downtime": 1260,
  status: "active",
  "setup-time": 2,
  "total-time": 4043,
  ram: {
    total: 268967936,
    "postcopy-requests": 0,
    "dirty-sync-count": 2,
    "multifd-bytes": 0,
    "pages-per-second": 8940,
    "downtime-bytes": 0,
    "page-size": 4096,
    remaining: 31510528,
    "postcopy-bytes": 0,
    mbps: 268.62192,
    transferred: 134585724,
    "dirty-sync-missed-zero-copy": 0,
    "precopy-bytes": 134585724,
    duplicate: 33145,
    "dirty-pages-rate": 2068,
    skipped: 0,
    "normal-bytes": 134025216,
    normal: 32721,
  },
};

describe("parseMigrationInfo", () => {
  it("reads a migration in progress", () => {
    const info = parseMigrationInfo(active);
    expect(info).toMatchObject({ status: "active", totalTimeMs: 4043, expectedDowntimeMs: 1260 });
    expect(info.ram).toMatchObject({
      dirtySyncCount: 2,
      remaining: 31510528,
      dirtyPagesRate: 2068,
      mbps: 268.62192,
    });
  });

  it("reads a completed one with its downtime", () => {
    const info = parseMigrationInfo({ ...active, status: "completed", downtime: 7, "total-time": 5133 });
    expect(info).toMatchObject({ status: "completed", downtimeMs: 7, totalTimeMs: 5133 });
  });

  it("reads the empty answer of a guest never migrated as status none", () => {
    expect(parseMigrationInfo({})).toMatchObject({ status: "none", ram: undefined });
  });

  it("keeps QEMU's reason when a migration failed", () => {
    const info = parseMigrationInfo({
      status: "failed",
      "error-desc": "Unable to write to socket: Broken pipe",
    });
    expect(info.error).toBe("Unable to write to socket: Broken pipe");
  });

  it("refuses an answer of another shape", () => {
    expect(() => parseMigrationInfo({ status: "flying" })).toThrow(
      /query-migrate answered in an unexpected shape/,
    );
  });
});

describe("parseStatusInfo", () => {
  it("reads the run state", () => {
    expect(parseStatusInfo({ status: "postmigrate", singlestep: false, running: false })).toEqual({
      status: "postmigrate",
      running: false,
    });
  });
});

describe("parseDirtyRateInfo", () => {
  it("reads a measurement, and one still running", () => {
    const measured = {
      status: "measured",
      "sample-pages": 512,
      "dirty-rate": 6,
      mode: "page-sampling",
      "start-time": 15714,
      "calc-time": 2,
    };
    expect(parseDirtyRateInfo(measured)).toMatchObject({
      status: "measured",
      dirtyRateMiBps: 6,
      calcTimeSeconds: 2,
    });
    const measuring = { ...measured, status: "measuring", "dirty-rate": undefined };
    expect(parseDirtyRateInfo(measuring).dirtyRateMiBps).toBeUndefined();
  });
});
