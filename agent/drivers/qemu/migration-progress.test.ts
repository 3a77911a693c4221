import { describe, expect, it } from "vitest";
import {
  nonConvergence,
  nonConvergenceMessage,
  PollWake,
  precopyRound,
  sourcePaused,
  stopAndCopyTime,
  transferProgress,
  wakesFollower,
} from "./migration-progress";
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

  it("counts a completed migration's rounds without the two syncs QEMU makes once the guest is paused", () => {
    const completed = active({ "dirty-sync-count": 8 }, { status: "completed" });
    expect(precopyRound(completed)).toBe(6);
    expect(transferProgress(completed)?.round).toBe(6);
    expect(precopyRound(active({ "dirty-sync-count": 8 }))).toBe(8);
    expect(precopyRound(active({ "dirty-sync-count": 2 }, { status: "completed" }))).toBe(1);
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

describe("wakesFollower", () => {
  it("wakes on the guest's pause and on the migration's end, not on its other statuses", () => {
    expect(wakesFollower({ event: "STOP", data: {} })).toBe(true);
    for (const status of ["completed", "failed", "cancelled"])
      expect(wakesFollower({ event: "MIGRATION", data: { status } })).toBe(true);
    for (const status of ["setup", "active", "device", "cancelling"])
      expect(wakesFollower({ event: "MIGRATION", data: { status } })).toBe(false);
    expect(wakesFollower({ event: "MIGRATION_PASS", data: { pass: 3 } })).toBe(false);
    expect(wakesFollower({ event: "RESUME", data: {} })).toBe(false);
  });
});

describe("PollWake", () => {
  it("sleeps the poll's time unless woken, and a wake-up cuts the sleep short", async () => {
    const wake = new PollWake();
    let start = performance.now();
    await wake.sleep(30);
    expect(performance.now() - start).toBeGreaterThanOrEqual(25);
    start = performance.now();
    const sleeping = wake.sleep(10_000);
    setTimeout(() => wake.wake(), 5);
    await sleeping;
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("keeps a wake-up that came between two sleeps for the next one, once", async () => {
    const wake = new PollWake();
    wake.wake();
    const start = performance.now();
    await wake.sleep(10_000);
    expect(performance.now() - start).toBeLessThan(1000);
    const again = performance.now();
    await wake.sleep(50);
    expect(performance.now() - again).toBeGreaterThanOrEqual(45); // the early wake-up was used up
  });
});

describe("stopAndCopyTime", () => {
  it("counts a live migration's pause from QEMU's STOP to the target's answer", () => {
    // Paused at 1000, QEMU done at 1016 but seen at 1180 (a poll late), the target answered at 1190.
    const t = { warm: false, pausedAt: 1000, completedAt: 1180, now: 1190, qemuDowntimeMs: 16 };
    expect(stopAndCopyTime(t)).toBe(190);
  });

  it("counts no less than QEMU's downtime and the wait when the pause was seen only at the end", () => {
    const t = { warm: false, pausedAt: 1180, completedAt: 1180, now: 1190, qemuDowntimeMs: 16 };
    expect(stopAndCopyTime(t)).toBe(26);
    expect(stopAndCopyTime({ ...t, pausedAt: null })).toBe(26);
  });

  it("counts a warm migration's whole pause", () => {
    const t = { warm: true, pausedAt: 0, completedAt: 5000, now: 5010, qemuDowntimeMs: 3 };
    expect(stopAndCopyTime(t)).toBe(5010);
  });
});
