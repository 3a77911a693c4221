import {
  converged,
  dirtiedBytes,
  PAGE_SIZE,
  type StopReason,
  stopReason,
  type WorkloadModel,
} from "../../../lib/prediction/precopy-model";
import type { NonConvergencePolicy } from "../../../lib/schemas/migration";
import type { TransferProgress, TransferResult } from "../driver";
import type { SimClock } from "./clock";
import { DirtyBitmap } from "./dirty-bitmap";
import { GuestWorkload } from "./guest-workload";

/**
 * The simulated hypervisor's pre-copy: memory as pages with a dirty bitmap, rounds that send what
 * the guest dirtied during the previous one, the stop conditions of DOMAIN.md, then stop-and-copy.
 * Warm mode pauses the guest first and sends everything once. Where the bytes go is the sink's
 * business (a TCP connection to the target agent, or nowhere in the benchmark).
 */

export type PageRun = [start: number, count: number];

export interface EngineSink {
  sendPages(round: number, runs: PageRun[], bytes: number): Promise<void>;
  /** Pause the guest; resolves once it is paused. */
  suspend(): Promise<void>;
  status?(progress: TransferProgress): void;
}

export interface EngineOptions {
  mode: "live" | "warm";
  memoryBytes: number;
  bandwidthBytesPerSec: number;
  downtimeLimitMs: number;
  onNoConvergence: NonConvergencePolicy;
  workload: WorkloadModel;
  /** Simulated seconds of link time per chunk: smaller follows the guest's writes more closely. */
  chunkSeconds: number;
  seed?: number;
}

export class NonConvergenceError extends Error {
  override name = "NonConvergenceError";
}

export async function runPrecopy(
  options: EngineOptions,
  clock: SimClock,
  sink: EngineSink,
  signal?: AbortSignal,
): Promise<TransferResult> {
  const pages = Math.ceil(options.memoryBytes / PAGE_SIZE);
  const bandwidth = options.bandwidthBytesPerSec;
  const bitmap = new DirtyBitmap(pages);
  bitmap.setAll();
  const guest = new GuestWorkload(options.workload, PAGE_SIZE, pages, options.seed);
  const chunkPages = Math.max(1, Math.floor((bandwidth * options.chunkSeconds) / PAGE_SIZE));

  let paused = false;
  let pausedAtRealMs = 0;
  let stopAndCopyBytes = 0;
  let sent = 0;
  let lastWrite = clock.now();
  let dirtyRate = 0;
  let reason: StopReason | "suspended" = "suspended";
  const letGuestRun = () => {
    const now = clock.now();
    if (!paused) guest.run(now - lastWrite, bitmap);
    lastWrite = now;
  };
  const pause = async () => {
    letGuestRun();
    await sink.suspend();
    paused = true;
    pausedAtRealMs = clock.realMs();
  };

  if (options.mode === "warm") await pause();
  let round = 1;
  for (; ; round++) {
    signal?.throwIfAborted();
    letGuestRun();
    const dirtyBytes = bitmap.dirtyCount * PAGE_SIZE;
    if (!paused) {
      const stop = stopReason({
        round,
        dirtyBytes,
        nextDirtyBytes: dirtiedBytes(options.workload, options.memoryBytes, dirtyBytes / bandwidth),
        sentBytes: sent,
        memoryBytes: options.memoryBytes,
        bandwidthBytesPerSec: bandwidth,
        downtimeLimitMs: options.downtimeLimitMs,
      });
      if (stop !== null) {
        reason = stop;
        if (!converged(stop) && options.onNoConvergence === "fail")
          throw nonConvergence(stop, round, dirtyBytes, options);
        await pause();
      }
    }
    const roundStart = clock.now();
    const roundBytes = bitmap.dirtyCount * PAGE_SIZE;
    let roundSent = 0;
    let linkFreeAt = clock.now();
    for (const chunk of chunks(bitmap.takeRuns(), chunkPages)) {
      signal?.throwIfAborted();
      const bytes = chunk.pages * PAGE_SIZE;
      await sink.sendPages(round, chunk.runs, bytes);
      linkFreeAt = Math.max(linkFreeAt, clock.now()) + bytes / bandwidth;
      await clock.sleepUntil(linkFreeAt, signal);
      letGuestRun();
      roundSent += bytes;
      const remaining = roundBytes - roundSent + bitmap.dirtyCount * PAGE_SIZE;
      sink.status?.({
        round,
        transferredBytes: sent + roundSent,
        remainingBytes: remaining,
        totalBytes: options.memoryBytes,
        dirtyRateBytesPerSec: dirtyRate,
        expectedDowntimeMs: ((bitmap.dirtyCount * PAGE_SIZE) / bandwidth) * 1000,
      });
    }
    sent += roundSent;
    if (paused) stopAndCopyBytes += roundSent;
    const roundSeconds = clock.now() - roundStart;
    if (!paused && roundSeconds > 0) dirtyRate = (bitmap.dirtyCount * PAGE_SIZE) / roundSeconds;
    if (paused) break;
  }
  return {
    rounds: round,
    transferredBytes: sent,
    stopAndCopyMs: pauseMs(stopAndCopyBytes / bandwidth, clock.realMs() - pausedAtRealMs, clock.timeScale),
    converged: reason === "suspended" || converged(reason),
    stopReason: reason,
  };
}

/**
 * The guest's pause: the simulated link time of what was sent while it was paused, plus whatever
 * real time beyond that pacing the agents took (writing frames, waiting for the target's word).
 * Real overhead is not multiplied by the time scale, so a fast test does not inflate downtime.
 */
function pauseMs(linkSeconds: number, realElapsedMs: number, timeScale: number): number {
  const pacedRealMs = (linkSeconds * 1000) / timeScale;
  return linkSeconds * 1000 + Math.max(0, realElapsedMs - pacedRealMs);
}

function nonConvergence(
  reason: StopReason,
  round: number,
  dirtyBytes: number,
  options: EngineOptions,
): NonConvergenceError {
  const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
  const why = reason === "max-rounds" ? `after ${round - 1} rounds` : "after sending 3x the memory";
  return new NonConvergenceError(
    `live migration does not converge ${why}: the guest writes ${mib(options.workload.dirtyRateBytesPerSec)}/s and still has ${mib(dirtyBytes)} dirty, against ${mib(options.bandwidthBytesPerSec)}/s of bandwidth; raise the bandwidth or the downtime limit, or migrate warm`,
  );
}

function* chunks(runs: PageRun[], chunkPages: number): Generator<{ runs: PageRun[]; pages: number }> {
  let current: PageRun[] = [];
  let pages = 0;
  for (const [start, count] of runs) {
    let offset = 0;
    while (offset < count) {
      const take = Math.min(count - offset, chunkPages - pages);
      current.push([start + offset, take]);
      pages += take;
      offset += take;
      if (pages === chunkPages) {
        yield { runs: current, pages };
        current = [];
        pages = 0;
      }
    }
  }
  if (pages > 0) yield { runs: current, pages };
}
