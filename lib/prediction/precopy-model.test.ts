import { describe, expect, it } from "vitest";
import {
  converged,
  dirtiedBytes,
  PAGE_SIZE,
  type PredictionInput,
  predictMigration,
  STOP_RULES,
  stopReason,
} from "./precopy-model";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function live(
  over: Partial<PredictionInput> & { dirtyMiBps: number; wwsBytes?: number },
): ReturnType<typeof predictMigration> {
  return predictMigration({
    kind: "live",
    memoryBytes: over.memoryBytes ?? GiB,
    bandwidthBytesPerSec: over.bandwidthBytesPerSec ?? 100 * MiB,
    downtimeLimitMs: over.downtimeLimitMs,
    workload: { dirtyRateBytesPerSec: over.dirtyMiBps * MiB, wwsBytes: over.wwsBytes, pattern: "sweep" },
  });
}

function within(actual: number, expected: number, fraction: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * fraction);
}

describe("predictMigration: cold and warm", () => {
  it("cold sends only the definition, with no downtime", () => {
    const p = predictMigration({
      kind: "cold",
      memoryBytes: 8 * GiB,
      bandwidthBytesPerSec: 64 * 1024,
      workload: { dirtyRateBytesPerSec: 50 * MiB },
    });
    expect(p).toEqual({
      kind: "cold",
      seconds: 1,
      downtimeMs: 0,
      transferBytes: 64 * 1024,
      rounds: 1,
      converges: true,
      stopReason: "cold",
      bandwidthBytesPerSec: 64 * 1024,
      dirtyRateBytesPerSec: 50 * MiB,
    });
  });

  it("warm pauses for the whole transfer of the memory, whatever the guest writes", () => {
    const p = predictMigration({
      kind: "warm",
      memoryBytes: 2 * GiB,
      bandwidthBytesPerSec: 100 * MiB,
      workload: { dirtyRateBytesPerSec: 500 * MiB },
    });
    expect(p).toMatchObject({
      kind: "warm",
      seconds: 20.48,
      downtimeMs: 20_480,
      transferBytes: 2 * GiB,
      rounds: 1,
      converges: true,
      stopReason: "suspended",
    });
  });
});

describe("predictMigration: live", () => {
  it.each([0.05, 0.1, 0.2, 0.5, 0.6])("converging at l=%s follows the geometric series of DOMAIN.md", (l) => {
    const memory = GiB;
    const bandwidth = 100 * MiB;
    const p = live({ memoryBytes: memory, bandwidthBytesPerSec: bandwidth, dirtyMiBps: 100 * l });
    expect(p.converges).toBe(true);
    expect(p.stopReason).toBe("downtime");
    // rounds = n + 1: n pre-copy rounds after the first, then stop-and-copy.
    const n = p.rounds - 1;
    within(p.transferBytes, (memory * (1 - l ** (n + 1))) / (1 - l), 0.01);
    const lastRound = memory * l ** n;
    within(p.downtimeMs, (lastRound / bandwidth) * 1000, 0.01);
    within(p.seconds, p.transferBytes / bandwidth, 0.01);
    // And it stopped at the first round that fits the limit.
    expect(p.downtimeMs).toBeLessThanOrEqual(STOP_RULES.defaultDowntimeLimitMs);
    expect(((memory * l ** (n - 1)) / bandwidth) * 1000).toBeGreaterThan(STOP_RULES.defaultDowntimeLimitMs);
  });

  it("a worked example: 1 GiB at l=0.5 over 100 MiB/s takes 7 rounds and 160 ms downtime", () => {
    const p = live({ dirtyMiBps: 50 });
    expect(p.rounds).toBe(7);
    within(p.downtimeMs, 160, 1e-9);
    within(p.transferBytes, 2032 * MiB, 1e-9);
  });

  it("respects the downtime limit whenever it converges", () => {
    let convergedRuns = 0;
    for (const limit of [10, 50, 300, 1000]) {
      for (const dirty of [1, 10, 30, 60, 90, 99]) {
        const p = live({ dirtyMiBps: dirty, downtimeLimitMs: limit });
        if (!p.converges) continue;
        convergedRuns++;
        expect(p.stopReason).toBe("downtime");
        expect(p.downtimeMs).toBeLessThanOrEqual(limit);
      }
    }
    expect(convergedRuns).toBeGreaterThan(12);
  });

  it("a slowly converging guest (l=0.9) is stopped by the 3x rule before reaching the limit", () => {
    const p = live({ dirtyMiBps: 90 });
    expect(p).toMatchObject({ converges: false, stopReason: "max-transfer" });
    expect(p.transferBytes).toBeLessThanOrEqual(3 * GiB);
  });

  it("uses QEMU's 300 ms when no limit is given", () => {
    expect(live({ dirtyMiBps: 50 })).toEqual(live({ dirtyMiBps: 50, downtimeLimitMs: 300 }));
  });

  it("does not converge at dirty rate = bandwidth, stopping at 3x the memory in all", () => {
    const p = live({ dirtyMiBps: 100 });
    expect(p).toMatchObject({ converges: false, stopReason: "max-transfer", rounds: 3 });
    // Two live passes, then the whole memory again while paused: 3x, stop-and-copy included.
    expect(p.transferBytes).toBe(3 * GiB);
    expect(p.downtimeMs).toBeCloseTo(10_240, 6);
  });

  it("does not converge at dirty rate > bandwidth", () => {
    const p = live({ dirtyMiBps: 400 });
    expect(p.converges).toBe(false);
    expect(["max-rounds", "max-transfer"]).toContain(p.stopReason);
    expect(p.downtimeMs).toBeGreaterThan(300);
    expect(p.transferBytes).toBeLessThanOrEqual(3 * GiB);
  });

  it("stops at 30 rounds when a small working set keeps the volume under 3x", () => {
    // 5 MiB dirtied per round takes 500 ms at 10 MiB/s: never within 300 ms, never 3x of 256 MiB.
    const p = live({
      memoryBytes: 256 * MiB,
      bandwidthBytesPerSec: 10 * MiB,
      dirtyMiBps: 20,
      wwsBytes: 5 * MiB,
    });
    expect(p).toMatchObject({ converges: false, stopReason: "max-rounds", rounds: STOP_RULES.maxRounds });
    expect(p.transferBytes).toBe(256 * MiB + 29 * 5 * MiB);
    within(p.downtimeMs, 500, 1e-9);
  });

  it("stops on few dirty pages when the limit is out of reach", () => {
    const p = live({ dirtyMiBps: 50, wwsBytes: 40 * PAGE_SIZE, downtimeLimitMs: 0.001 });
    expect(p).toMatchObject({ converges: true, stopReason: "few-dirty", rounds: 2 });
  });

  it("a random writer dirties less than a sweep, so it sends no more", () => {
    const base = { kind: "live" as const, memoryBytes: GiB, bandwidthBytesPerSec: 100 * MiB };
    const sweep = predictMigration({
      ...base,
      workload: { dirtyRateBytesPerSec: 60 * MiB, pattern: "sweep" },
    });
    const random = predictMigration({
      ...base,
      workload: { dirtyRateBytesPerSec: 60 * MiB, pattern: "random" },
    });
    expect(random.transferBytes).toBeLessThanOrEqual(sweep.transferBytes);
    expect(random.converges).toBe(true);
  });

  it("an idle guest needs one copy and a stop-and-copy of nothing", () => {
    expect(live({ dirtyMiBps: 0 })).toMatchObject({
      rounds: 2,
      transferBytes: GiB,
      downtimeMs: 0,
      converges: true,
    });
  });
});

describe("predictMigration: what QEMU does differently", () => {
  const qemuLike = (over: Partial<PredictionInput>) =>
    predictMigration({
      kind: "live",
      memoryBytes: 256 * MiB,
      bandwidthBytesPerSec: 32 * MiB,
      workload: { dirtyRateBytesPerSec: 4 * MiB, wwsBytes: 64 * MiB, pattern: "sweep" },
      ...over,
    });

  it("copies only the populated memory in the first round (zero pages cost next to nothing)", () => {
    const whole = qemuLike({});
    const populated = qemuLike({
      workload: { dirtyRateBytesPerSec: 4 * MiB, wwsBytes: 64 * MiB, populatedBytes: 128 * MiB },
    });
    // 256 MiB at 32 MiB/s is 8 s; 128 MiB is 4 s, and the guest dirties half as much meanwhile.
    within(whole.seconds, 8 + 1 + 0.125, 0.001);
    within(populated.seconds, 4 + 0.5 + 0.0625, 0.001);
    expect(populated.transferBytes).toBe(128 * MiB + 16 * MiB + 2 * MiB);
  });

  it("never copies more than the memory in the first round", () => {
    const over = qemuLike({ workload: { dirtyRateBytesPerSec: 0, populatedBytes: 512 * MiB } });
    expect(over.transferBytes).toBe(256 * MiB);
  });

  it("sends the stop-and-copy at the link's speed, while the stop rule keeps the bandwidth limit", () => {
    const throttled = qemuLike({});
    const unthrottled = qemuLike({ stopCopyBytesPerSec: 1024 * MiB });
    expect(unthrottled.rounds).toBe(throttled.rounds);
    expect(unthrottled.transferBytes).toBe(throttled.transferBytes);
    // The last 4 MiB: 125 ms at 32 MiB/s, 3.9 ms at 1 GiB/s.
    within(throttled.downtimeMs, 125, 0.001);
    within(unthrottled.downtimeMs, 3.90625, 0.001);
    within(throttled.seconds - unthrottled.seconds, 0.125 - 0.00390625, 0.001);
  });

  it("adds the switchover's fixed pause to the downtime and the duration", () => {
    const plain = qemuLike({});
    const withSwitchover = qemuLike({ switchoverMs: 12 });
    within(withSwitchover.downtimeMs - plain.downtimeMs, 12, 0.001);
    within(withSwitchover.seconds - plain.seconds, 0.012, 0.001);
    expect(withSwitchover.rounds).toBe(plain.rounds);
  });

  it("adds the setup to the duration but not to the downtime", () => {
    const plain = qemuLike({});
    const withSetup = qemuLike({ setupMs: 400 });
    within(withSetup.seconds - plain.seconds, 0.4, 0.001);
    expect(withSetup.downtimeMs).toBe(plain.downtimeMs);
  });

  it("a warm migration sends the populated memory once, paused from the start of the transfer", () => {
    const warm = qemuLike({
      kind: "warm",
      setupMs: 400,
      switchoverMs: 12,
      workload: { dirtyRateBytesPerSec: 4 * MiB, populatedBytes: 128 * MiB },
    });
    // 128 MiB at 32 MiB/s: 4 s paused, plus the switchover; the setup comes before the pause.
    expect(warm).toMatchObject({ transferBytes: 128 * MiB, rounds: 1 });
    within(warm.downtimeMs, 4012, 0.001);
    within(warm.seconds, 4.412, 0.001);
  });
});

describe("dirtiedBytes", () => {
  const memory = GiB;

  it("a sweep dirties rate*t until it has covered its working set", () => {
    const sweep = { dirtyRateBytesPerSec: 10 * MiB, wwsBytes: 100 * MiB, pattern: "sweep" as const };
    expect(dirtiedBytes(sweep, memory, 2)).toBe(20 * MiB);
    expect(dirtiedBytes(sweep, memory, 10)).toBe(100 * MiB);
    expect(dirtiedBytes(sweep, memory, 1000)).toBe(100 * MiB);
  });

  it("defaults to a sweep over the whole memory, and caps the working set at the memory", () => {
    expect(dirtiedBytes({ dirtyRateBytesPerSec: GiB }, memory, 5)).toBe(memory);
    expect(dirtiedBytes({ dirtyRateBytesPerSec: GiB, wwsBytes: 10 * GiB, pattern: "sweep" }, memory, 5)).toBe(
      memory,
    );
  });

  it("random writes dirty less than a sweep, about rate*t at first, tending to the working set", () => {
    const random = { dirtyRateBytesPerSec: 10 * MiB, wwsBytes: 100 * MiB, pattern: "random" as const };
    const sweep = { ...random, pattern: "sweep" as const };
    for (const t of [0.01, 0.5, 1, 5, 10, 50]) {
      expect(dirtiedBytes(random, memory, t)).toBeLessThan(dirtiedBytes(sweep, memory, t));
    }
    within(dirtiedBytes(random, memory, 0.01), 0.1 * MiB, 0.001);
    within(dirtiedBytes(random, memory, 10), 100 * MiB * (1 - Math.exp(-1)), 1e-9);
    within(dirtiedBytes(random, memory, 1000), 100 * MiB, 1e-6);
    expect(dirtiedBytes(random, memory, 1000)).toBeLessThanOrEqual(100 * MiB);
  });

  it("is zero with no rate, no working set or no time", () => {
    expect(dirtiedBytes({ dirtyRateBytesPerSec: 0 }, memory, 10)).toBe(0);
    expect(dirtiedBytes({ dirtyRateBytesPerSec: MiB, wwsBytes: 0 }, memory, 10)).toBe(0);
    expect(dirtiedBytes({ dirtyRateBytesPerSec: MiB, pattern: "random" }, memory, 0)).toBe(0);
  });
});

describe("stopReason", () => {
  const args = {
    round: 2,
    dirtyBytes: 100 * MiB,
    nextDirtyBytes: 50 * MiB,
    sentBytes: GiB,
    memoryBytes: GiB,
    bandwidthBytesPerSec: 100 * MiB,
    downtimeLimitMs: 300,
  };

  it("never stops before the first round", () => {
    expect(stopReason({ ...args, round: 1, dirtyBytes: 0 })).toBeNull();
    expect(stopReason({ ...args, round: 1, sentBytes: 10 * GiB })).toBeNull();
  });

  it("applies the rules in order: downtime, few dirty pages, rounds, volume", () => {
    expect(stopReason(args)).toBeNull();
    expect(stopReason({ ...args, dirtyBytes: 30 * MiB })).toBe("downtime");
    expect(stopReason({ ...args, dirtyBytes: 49 * PAGE_SIZE, downtimeLimitMs: 0 })).toBe("few-dirty");
    expect(stopReason({ ...args, dirtyBytes: 50 * PAGE_SIZE, downtimeLimitMs: 0 })).toBeNull();
    expect(stopReason({ ...args, round: 30 })).toBe("max-rounds");
    expect(stopReason({ ...args, round: 29 })).toBeNull();
  });

  it("allows another round only if it and the stop-and-copy after it stay within 3x the memory", () => {
    // sent + this round + what the guest dirties meanwhile (the next stop-and-copy) <= 3x.
    expect(stopReason({ ...args, sentBytes: 3 * GiB - 150 * MiB })).toBeNull();
    expect(stopReason({ ...args, sentBytes: 3 * GiB - 150 * MiB + 1 })).toBe("max-transfer");
    expect(stopReason({ ...args, sentBytes: 2 * GiB, nextDirtyBytes: 924 * MiB })).toBeNull();
    expect(stopReason({ ...args, sentBytes: 2 * GiB, nextDirtyBytes: 925 * MiB })).toBe("max-transfer");
  });

  it("only downtime and few-dirty count as converged", () => {
    expect(converged("downtime")).toBe(true);
    expect(converged("few-dirty")).toBe(true);
    expect(converged("max-rounds")).toBe(false);
    expect(converged("max-transfer")).toBe(false);
  });
});
