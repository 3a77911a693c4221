import { describe, expect, it } from "vitest";
import { PAGE_SIZE, predictMigration, type WorkloadModel } from "../../../lib/prediction/precopy-model";
import type { TransferProgress } from "../driver";
import { VirtualClock } from "./clock";
import {
  type EngineOptions,
  type EngineSink,
  NonConvergenceError,
  type PageRun,
  runPrecopy,
} from "./precopy-engine";

const MiB = 1024 * 1024;

function options(over: Partial<EngineOptions> & { workload: WorkloadModel }): EngineOptions {
  return {
    mode: "live",
    memoryBytes: 256 * MiB,
    bandwidthBytesPerSec: 100 * MiB,
    downtimeLimitMs: 300,
    onNoConvergence: "stop-and-copy",
    chunkSeconds: 0.01,
    ...over,
  };
}

/** A sink that only records: the order of events, every page sent, the progress reports. */
class RecordingSink implements EngineSink {
  readonly events: string[] = [];
  readonly progress: TransferProgress[] = [];
  readonly seen: Uint8Array;
  readonly roundsAfterSuspend = new Set<number>();
  suspends = 0;
  badRuns = 0;
  calls = 0;
  bytes = 0;
  onSend?: () => void;

  constructor(readonly pages: number) {
    this.seen = new Uint8Array(pages);
  }

  async sendPages(round: number, runs: PageRun[], bytes: number): Promise<void> {
    this.calls++;
    this.events.push("pages");
    let pages = 0;
    for (const [start, count] of runs) {
      if (start < 0 || count <= 0 || start + count > this.pages) this.badRuns++;
      this.seen.fill(1, start, start + count);
      pages += count;
    }
    if (bytes !== pages * PAGE_SIZE) this.badRuns++;
    this.bytes += bytes;
    if (this.suspends > 0) this.roundsAfterSuspend.add(round);
    this.onSend?.();
  }

  async suspend(): Promise<void> {
    this.suspends++;
    this.events.push("suspend");
  }

  status(progress: TransferProgress): void {
    this.progress.push(progress);
  }
}

const sweep = (dirtyMiBps: number, wwsMiB?: number): WorkloadModel => ({
  dirtyRateBytesPerSec: dirtyMiBps * MiB,
  wwsBytes: wwsMiB === undefined ? undefined : wwsMiB * MiB,
  pattern: "sweep",
});

function near(actual: number, expected: number, fraction: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * fraction);
}

function predicted(o: EngineOptions) {
  return predictMigration({
    kind: o.mode,
    memoryBytes: o.memoryBytes,
    bandwidthBytesPerSec: o.bandwidthBytesPerSec,
    downtimeLimitMs: o.downtimeLimitMs,
    workload: o.workload,
  });
}

describe("runPrecopy: live, converging", () => {
  it.each([20, 50, 60])("matches the model for a sweep at %s MiB/s over 100 MiB/s", async (dirty) => {
    const o = options({ workload: sweep(dirty) });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    const result = await runPrecopy(o, new VirtualClock(), sink);
    const p = predicted(o);
    expect(p.converges).toBe(true);
    expect(result.converged).toBe(true);
    expect(result.stopReason).toBe(p.stopReason);
    expect(result.rounds).toBe(p.rounds);
    near(result.transferredBytes, p.transferBytes, 0.05);
    near(result.stopAndCopyMs, p.downtimeMs, 0.05);
    expect(result.stopAndCopyMs).toBeLessThanOrEqual(o.downtimeLimitMs);
    expect(sink.bytes).toBe(result.transferredBytes);
    expect(sink.badRuns).toBe(0);
  });

  it("sends every page, suspends once, and only the last round after the suspension", async () => {
    const o = options({ workload: sweep(50) });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    const result = await runPrecopy(o, new VirtualClock(), sink);
    expect(sink.seen.every((page) => page === 1)).toBe(true);
    expect(sink.suspends).toBe(1);
    expect([...sink.roundsAfterSuspend]).toEqual([result.rounds]);
  });

  it.each([
    ["a converging random writer", { dirtyRateBytesPerSec: 60 * MiB, pattern: "random" } as WorkloadModel],
    ["a sweep outrunning the link", sweep(200)],
  ])("reports progress whose transferred bytes never decrease: %s", async (_, workload) => {
    const o = options({ memoryBytes: 64 * MiB, workload, seed: 7 });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    const result = await runPrecopy(o, new VirtualClock(), sink);
    expect(sink.progress.length).toBe(sink.calls);
    let last = 0;
    for (const progress of sink.progress) {
      expect(progress.transferredBytes).toBeGreaterThan(last);
      expect(progress.remainingBytes).toBeGreaterThanOrEqual(0);
      expect(progress.totalBytes).toBe(o.memoryBytes);
      last = progress.transferredBytes;
    }
    expect(last).toBe(result.transferredBytes);
    expect(sink.seen.every((page) => page === 1)).toBe(true);
    expect(sink.badRuns).toBe(0);
  });

  it("the remaining bytes do grow again while the guest outruns the link", async () => {
    const o = options({ memoryBytes: 64 * MiB, workload: sweep(200) });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    await runPrecopy(o, new VirtualClock(), sink);
    const remaining = sink.progress.map((progress) => progress.remainingBytes);
    expect(remaining.some((value, i) => i > 0 && value > (remaining[i - 1] as number))).toBe(true);
  });

  it("is repeatable for a given seed", async () => {
    const o = options({
      memoryBytes: 64 * MiB,
      workload: { dirtyRateBytesPerSec: 40 * MiB, pattern: "random" },
      seed: 42,
    });
    const a = await runPrecopy(o, new VirtualClock(), new RecordingSink(o.memoryBytes / PAGE_SIZE));
    const b = await runPrecopy(o, new VirtualClock(), new RecordingSink(o.memoryBytes / PAGE_SIZE));
    expect(a).toEqual(b);
  });
});

describe("runPrecopy: live, not converging", () => {
  it("stop-and-copy at the 3x limit, with downtime well above the limit", async () => {
    const o = options({ workload: sweep(200) });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    const result = await runPrecopy(o, new VirtualClock(), sink);
    expect(result).toMatchObject({ converged: false, stopReason: "max-transfer", rounds: 3 });
    expect(result.stopAndCopyMs).toBeGreaterThan(5 * o.downtimeLimitMs);
    // 3x the memory in all, the stop-and-copy included.
    expect(result.transferredBytes).toBeLessThanOrEqual(3 * o.memoryBytes);
    expect(sink.suspends).toBe(1);
    const p = predicted(o);
    expect(p).toMatchObject({ converges: false, stopReason: "max-transfer", rounds: 3 });
    near(result.transferredBytes, p.transferBytes, 0.05);
    near(result.stopAndCopyMs, p.downtimeMs, 0.05);
  });

  it("never sends more than 3x the memory, whatever the guest does", async () => {
    const over: string[] = [];
    for (const pattern of ["sweep", "random"] as const) {
      for (const dirtyMiBps of [60, 100, 150, 400]) {
        for (const wwsMiB of [undefined, 8, 48]) {
          const workload = {
            dirtyRateBytesPerSec: dirtyMiBps * MiB,
            wwsBytes: wwsMiB && wwsMiB * MiB,
            pattern,
          };
          const o = options({ memoryBytes: 64 * MiB, chunkSeconds: 0.02, workload, seed: dirtyMiBps });
          const result = await runPrecopy(o, new VirtualClock(), {
            sendPages: async () => {},
            suspend: async () => {},
          });
          if (result.transferredBytes > 3 * o.memoryBytes) over.push(`${pattern} ${dirtyMiBps} ${wwsMiB}`);
        }
      }
    }
    expect(over).toEqual([]);
  });

  it("stop-and-copy at 30 rounds when the volume stays under 3x", async () => {
    const o = options({ bandwidthBytesPerSec: 10 * MiB, chunkSeconds: 0.1, workload: sweep(20, 5) });
    const result = await runPrecopy(o, new VirtualClock(), new RecordingSink(o.memoryBytes / PAGE_SIZE));
    expect(result).toMatchObject({ converged: false, stopReason: "max-rounds", rounds: 30 });
    near(result.stopAndCopyMs, 500, 0.05);
  });

  it('"fail" rejects with NonConvergenceError naming the dirty rate and the bandwidth, without pausing', async () => {
    const o = options({ onNoConvergence: "fail", workload: sweep(200) });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    const error = await runPrecopy(o, new VirtualClock(), sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonConvergenceError);
    expect((error as Error).name).toBe("NonConvergenceError");
    expect((error as Error).message).toMatch(/does not converge after sending 3x the memory/);
    expect((error as Error).message).toContain("the guest writes 200.0 MiB/s");
    expect((error as Error).message).toContain("against 100.0 MiB/s of bandwidth");
    expect((error as Error).message).toMatch(/still has \d+\.\d MiB dirty/);
    expect(sink.suspends).toBe(0);
  });

  it('"fail" after 30 rounds says so', async () => {
    const o = options({
      onNoConvergence: "fail",
      bandwidthBytesPerSec: 10 * MiB,
      chunkSeconds: 0.1,
      workload: sweep(20, 5),
    });
    await expect(
      runPrecopy(o, new VirtualClock(), new RecordingSink(o.memoryBytes / PAGE_SIZE)),
    ).rejects.toThrow(
      /does not converge after 29 rounds: the guest writes 20\.0 MiB\/s and still has 5\.0 MiB dirty, against 10\.0 MiB\/s of bandwidth/,
    );
  });
});

describe("runPrecopy: warm", () => {
  it("suspends before sending anything, sends everything once, and pauses for all of it", async () => {
    const o = options({ mode: "warm", workload: sweep(500) });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    const result = await runPrecopy(o, new VirtualClock(), sink);
    expect(sink.events[0]).toBe("suspend");
    expect(sink.suspends).toBe(1);
    expect(result).toEqual({
      rounds: 1,
      transferredBytes: o.memoryBytes,
      stopAndCopyMs: (o.memoryBytes / o.bandwidthBytesPerSec) * 1000,
      converged: true,
      stopReason: "suspended",
    });
    expect(sink.seen.every((page) => page === 1)).toBe(true);
    const p = predicted(o);
    expect(result.stopAndCopyMs).toBeCloseTo(p.downtimeMs, 6);
  });
});

describe("runPrecopy: cancel", () => {
  it("rejects when the signal aborts mid-run, and sends nothing more", async () => {
    const o = options({ workload: sweep(50) });
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    const controller = new AbortController();
    sink.onSend = () => {
      if (sink.calls === 10) controller.abort();
    };
    await expect(runPrecopy(o, new VirtualClock(), sink, controller.signal)).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(sink.calls).toBe(10);
    expect(sink.suspends).toBe(0);
  });

  it("rejects with the abort reason given", async () => {
    const o = options({ workload: sweep(50) });
    const controller = new AbortController();
    controller.abort(new Error("cancelled by admin"));
    const sink = new RecordingSink(o.memoryBytes / PAGE_SIZE);
    await expect(runPrecopy(o, new VirtualClock(), sink, controller.signal)).rejects.toThrow(
      "cancelled by admin",
    );
    expect(sink.calls).toBe(0);
  });
});
