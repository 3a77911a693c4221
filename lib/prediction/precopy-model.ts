import type { MigrationKind, NonConvergencePolicy, Prediction } from "../schemas/migration";

/**
 * The pre-copy model of DOMAIN.md, used for every prediction (the agent's dry run, the planner's
 * move costs). It walks the same rounds and stop conditions as the simulated engine, on continuous
 * quantities: round i sends what the guest dirtied during round i-1.
 */

export const PAGE_SIZE = 4096;

export const STOP_RULES = {
  /** Xen: at most 30 rounds, the last being stop-and-copy. */
  maxRounds: 30,
  /** Xen: pre-copy rounds never send more than 3x the memory. */
  maxTransferFactor: 3,
  /** Xen: fewer than 50 dirty pages left is not worth another round. */
  minDirtyPages: 50,
  /** QEMU's default downtime limit. */
  defaultDowntimeLimitMs: 300,
} as const;

export interface WorkloadModel {
  dirtyRateBytesPerSec: number;
  /** Writable working set; the guest's writes fall in it. Defaults to the whole memory. */
  wwsBytes?: number;
  pattern?: "sweep" | "random";
  /**
   * Memory the guest has ever touched. The rest is zero, and a hypervisor that skips zero pages
   * (QEMU sends a few bytes for each) copies only this much in the first round. Defaults to the
   * whole memory, as the simulated hypervisor sends it.
   */
  populatedBytes?: number;
}

/**
 * Distinct bytes a workload dirties in `seconds`. A sweep writes its working set in order, so it
 * dirties D*t until the set is covered; random writes hit already-dirty pages more and more often.
 */
export function dirtiedBytes(workload: WorkloadModel, memoryBytes: number, seconds: number): number {
  const rate = workload.dirtyRateBytesPerSec;
  const wws = Math.min(workload.wwsBytes ?? memoryBytes, memoryBytes);
  if (rate <= 0 || wws <= 0 || seconds <= 0) return 0;
  if (workload.pattern === "random") return wws * (1 - Math.exp((-rate * seconds) / wws));
  return Math.min(rate * seconds, wws);
}

export type StopReason = "downtime" | "few-dirty" | "max-rounds" | "max-transfer";

/**
 * Which rule ends the pre-copy rounds before round `round` (1-based), or null to keep going.
 * `nextDirtyBytes` is what the guest is expected to dirty while this round is sent: another live
 * round is only worth it if that round and the stop-and-copy after it stay within 3x the memory.
 */
export function stopReason(args: {
  round: number;
  dirtyBytes: number;
  nextDirtyBytes: number;
  sentBytes: number;
  memoryBytes: number;
  bandwidthBytesPerSec: number;
  downtimeLimitMs: number;
}): StopReason | null {
  if (args.round === 1) return null; // the first round always copies everything
  if ((args.dirtyBytes / args.bandwidthBytesPerSec) * 1000 <= args.downtimeLimitMs) return "downtime";
  if (args.dirtyBytes < STOP_RULES.minDirtyPages * PAGE_SIZE) return "few-dirty";
  if (args.round >= STOP_RULES.maxRounds) return "max-rounds";
  const withAnotherRound = args.sentBytes + args.dirtyBytes + args.nextDirtyBytes;
  if (withAnotherRound > STOP_RULES.maxTransferFactor * args.memoryBytes) return "max-transfer";
  return null;
}

export function converged(reason: StopReason): boolean {
  return reason === "downtime" || reason === "few-dirty";
}

export interface PredictionInput {
  kind: MigrationKind;
  memoryBytes: number;
  bandwidthBytesPerSec: number;
  downtimeLimitMs?: number;
  workload: WorkloadModel;
  onNoConvergence?: NonConvergencePolicy;
  /**
   * How fast the stop-and-copy goes. QEMU decides to stop with the bandwidth limit, as the stop
   * rules here do, but then sends the last pages at the link's full speed. Defaults to the bandwidth.
   */
  stopCopyBytesPerSec?: number;
  /** The pause beyond sending the last pages (stopping the guest, its device state). */
  switchoverMs?: number;
  /** Time beyond the transfer for a warm or live migration: starting the target, the hand-over. */
  setupMs?: number;
}

/** Bytes a cold migration sends: the domain's definition only. */
const COLD_DEFINITION_BYTES = 64 * 1024;

export function predictMigration(input: PredictionInput): Prediction {
  const base = {
    bandwidthBytesPerSec: input.bandwidthBytesPerSec,
    dirtyRateBytesPerSec: input.workload.dirtyRateBytesPerSec,
  };
  if (input.kind === "cold") {
    const seconds = COLD_DEFINITION_BYTES / input.bandwidthBytesPerSec;
    return {
      ...base,
      kind: "cold",
      seconds,
      downtimeMs: 0,
      transferBytes: COLD_DEFINITION_BYTES,
      rounds: 1,
      converges: true,
      stopReason: "cold",
    };
  }
  const setupSeconds = (input.setupMs ?? 0) / 1000;
  if (input.kind === "warm") {
    // One pass over the paused guest: what it populated, then the switchover.
    const bytes = populatedBytes(input);
    const pausedSeconds = bytes / input.bandwidthBytesPerSec + (input.switchoverMs ?? 0) / 1000;
    return {
      ...base,
      kind: "warm",
      seconds: setupSeconds + pausedSeconds,
      downtimeMs: pausedSeconds * 1000,
      transferBytes: bytes,
      rounds: 1,
      converges: true,
      stopReason: "suspended",
    };
  }
  return predictLive(input, base, setupSeconds);
}

/** What the first (or a warm migration's only) pass sends. */
function populatedBytes(input: PredictionInput): number {
  return Math.min(input.workload.populatedBytes ?? input.memoryBytes, input.memoryBytes);
}

function predictLive(
  input: PredictionInput,
  base: Pick<Prediction, "bandwidthBytesPerSec" | "dirtyRateBytesPerSec">,
  setupSeconds: number,
): Prediction {
  const { memoryBytes: memory, bandwidthBytesPerSec: bandwidth, workload } = input;
  const downtimeLimitMs = input.downtimeLimitMs ?? STOP_RULES.defaultDowntimeLimitMs;
  let sent = 0;
  let seconds = setupSeconds;
  const stopCopyRate = input.stopCopyBytesPerSec ?? bandwidth;
  const switchoverSeconds = (input.switchoverMs ?? 0) / 1000;
  let toSend = populatedBytes(input);
  for (let round = 1; ; round++) {
    const reason = stopReason({
      round,
      dirtyBytes: toSend,
      nextDirtyBytes: dirtiedBytes(workload, memory, toSend / bandwidth),
      sentBytes: sent,
      memoryBytes: memory,
      bandwidthBytesPerSec: bandwidth,
      downtimeLimitMs,
    });
    if (reason !== null) {
      const stopCopySeconds = toSend / stopCopyRate;
      return {
        ...base,
        kind: "live",
        seconds: seconds + stopCopySeconds + switchoverSeconds,
        downtimeMs: (stopCopySeconds + switchoverSeconds) * 1000,
        transferBytes: sent + toSend,
        rounds: round,
        converges: converged(reason),
        stopReason: reason,
      };
    }
    const roundSeconds = toSend / bandwidth;
    sent += toSend;
    seconds += roundSeconds;
    toSend = dirtiedBytes(workload, memory, roundSeconds);
  }
}
