import { describe, expect, it } from "vitest";
import { nonConvergence, nonConvergenceMessage, sourcePaused, transferProgress } from "./migration-progress";
import { parseMigrationInfo } from "./qmp-commands";

const MiB = 1048576;

function active(ram: Record<string, number>, extra: Record<string, unknown> = {}) {
  return parseMigrationInfo({
    status: "active",
    "expected-downtime": 420,
    ram: {
      transferred: 100 * MiB,
      remaining: 20 * MiB,
      total: 256 * MiB,
      duplicate: 10,
      normal: 100,
      "normal-bytes": 400 * 1024,
      "dirty-pages-rate": 2048,
      mbps: 134,
      "dirty-sync-count": 3,
      "page-size": 4096,
      ...ram,
    },
    ...extra,
  });
}

describe("transferProgress", () => {
  it("gives QEMU's figures in the agent's terms: rounds are dirty-bitmap syncs, rates in bytes", () => {
    expect(transferProgress(active({}))).toEqual({
      round: 3,
      transferredBytes: 100 * MiB,
      remainingBytes: 20 * MiB,
      totalBytes: 256 * MiB,
      dirtyRateBytesPerSec: 8 * MiB,
      expectedDowntimeMs: 420,
    });
  });

  it("has nothing to say during setup", () => {
    expect(transferProgress(parseMigrationInfo({ status: "setup" }))).toBeNull();
  });
});

describe("nonConvergence", () => {
  it("applies the shared model's stop rules: 30 rounds, or 3x the memory sent", () => {
    expect(nonConvergence(active({}))).toBeNull();
    expect(nonConvergence(active({ "dirty-sync-count": 30 }))).toBe("max-rounds");
    expect(nonConvergence(active({ transferred: 768 * MiB }))).toBe("max-transfer");
    expect(nonConvergence(parseMigrationInfo({ status: "completed" }))).toBeNull();
  });

  it("explains what to do about it", () => {
    const message = nonConvergenceMessage("max-transfer", active({ transferred: 768 * MiB }), 4 * MiB);
    expect(message).toMatch(/does not converge after sending 3x the memory: the guest writes 8\.0 MiB\/s/);
    expect(message).toMatch(/against 4\.0 MiB\/s of bandwidth; raise the bandwidth/);
  });
});

describe("sourcePaused", () => {
  it("sees the stop-and-copy in QEMU's run state or migration status", () => {
    const info = active({});
    expect(sourcePaused(info, "running")).toBe(false);
    expect(sourcePaused(info, "finish-migrate")).toBe(true);
    expect(sourcePaused(parseMigrationInfo({ status: "completed" }), "postmigrate")).toBe(true);
    expect(sourcePaused(parseMigrationInfo({ status: "device" }), "running")).toBe(true);
  });
});
