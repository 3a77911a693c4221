import { STOP_RULES } from "../../../lib/prediction/precopy-model";
import type { TransferProgress } from "../driver";
import type { MigrationInfo } from "./qmp-commands";

/**
 * Reading QEMU's `query-migrate` in the agent's terms: progress for the hooks, and the stop rules
 * the shared pre-copy model predicts with (QEMU itself would iterate for ever on a guest that
 * dirties memory faster than the link sends it).
 */

/**
 * QEMU syncs its dirty bitmap to start each round, the first round and the stop-and-copy
 * included, then twice more once the guest is paused (seen on QEMU 10.0: 5, 8 and 10 syncs in
 * all for 3, 6 and 8 rounds). A completed migration's count is taken back to the model's rounds.
 */
const SYNCS_AFTER_PAUSE = 2;

/** The pre-copy round QEMU is in, the stop-and-copy counting as the last, in the model's terms. */
export function precopyRound(info: MigrationInfo): number {
  const syncs = info.ram?.dirtySyncCount ?? 0;
  return info.status === "completed" ? Math.max(1, syncs - SYNCS_AFTER_PAUSE) : syncs;
}

/** The progress QEMU reports, or null before it has RAM figures (setup). */
export function transferProgress(info: MigrationInfo): TransferProgress | null {
  const ram = info.ram;
  if (!ram) return null;
  return {
    round: precopyRound(info),
    transferredBytes: ram.transferred,
    remainingBytes: ram.remaining,
    totalBytes: ram.total,
    dirtyRateBytesPerSec: ram.dirtyPagesRate * ram.pageSize,
    expectedDowntimeMs: info.expectedDowntimeMs ?? 0,
  };
}

export type QemuStopReason = "max-rounds" | "max-transfer";

/** Which of the model's non-convergence rules this migration has hit, if any. */
export function nonConvergence(info: MigrationInfo): QemuStopReason | null {
  const ram = info.ram;
  if (!ram || info.status !== "active") return null;
  if (ram.dirtySyncCount >= STOP_RULES.maxRounds) return "max-rounds";
  if (ram.transferred >= STOP_RULES.maxTransferFactor * ram.total) return "max-transfer";
  return null;
}

export function nonConvergenceMessage(
  reason: QemuStopReason,
  info: MigrationInfo,
  bandwidthBytesPerSec: number,
): string {
  const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
  const ram = info.ram;
  const why =
    reason === "max-rounds"
      ? `after ${ram?.dirtySyncCount ?? 0} rounds`
      : `after sending ${STOP_RULES.maxTransferFactor}x the memory`;
  const rate = ram ? ram.dirtyPagesRate * ram.pageSize : 0;
  return `live migration does not converge ${why}: the guest writes ${mib(rate)}/s and still has ${mib(ram?.remaining ?? 0)} dirty, against ${mib(bandwidthBytesPerSec)}/s of bandwidth; raise the bandwidth or the downtime limit, or migrate warm`;
}

/** QEMU 7.2's largest downtime limit (2000 s): set to make it stop and copy at the next chance. */
export const FORCE_DOWNTIME_LIMIT_MS = 2_000_000;

/** Whether the source guest has been paused for the stop-and-copy (or by whoever stopped it). */
export function sourcePaused(info: MigrationInfo, runState: string): boolean {
  return (
    info.status === "device" ||
    info.status === "pre-switchover" ||
    runState === "finish-migrate" ||
    runState === "postmigrate" ||
    (info.status === "completed" && runState !== "running")
  );
}

/** QEMU's MIGRATION event statuses after which `query-migrate` has the outcome: asked at once. */
const ENDING_STATUSES = new Set(["completed", "failed", "cancelled"]);

/**
 * Whether a QMP event says the source guest is paused or the migration ended: the driver then asks
 * `query-migrate` at once rather than at its next progress poll (the target waits for it, paused).
 */
export function wakesFollower(event: { event: string; data: unknown }): boolean {
  if (event.event === "STOP") return true;
  if (event.event !== "MIGRATION") return false;
  const status = (event.data as { status?: unknown } | null)?.status;
  return typeof status === "string" && ENDING_STATUSES.has(status);
}

/**
 * A poll's sleep that an event can cut short. A wake-up while nobody sleeps (the event came during
 * a query) makes the next sleep return at once, so no event is missed between two polls.
 */
export class PollWake {
  private early = false;
  private wakeSleeper: (() => void) | undefined;

  wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.early = true;
  }

  sleep(ms: number): Promise<void> {
    if (this.early) {
      this.early = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}

export interface PauseTimes {
  warm: boolean;
  /** When the guest was seen paused (QEMU's STOP event), performance.now() ms; null if never seen. */
  pausedAt: number | null;
  /** When the driver saw QEMU's migration completed. */
  completedAt: number;
  /** When the target answered that it holds everything. */
  now: number;
  /** QEMU's own `downtime`, if it gave one. */
  qemuDowntimeMs: number | null;
}

/**
 * How long the source guest stayed paused before the target held all of it: from the pause to the
 * target's answer. A pause the driver saw only once QEMU had finished (its STOP event lost) counts
 * no less than QEMU's downtime plus the wait for the answer.
 */
export function stopAndCopyTime(t: PauseTimes): number {
  const sincePause = t.pausedAt === null ? 0 : t.now - t.pausedAt;
  if (t.warm && t.pausedAt !== null) return sincePause;
  return Math.max(sincePause, (t.qemuDowntimeMs ?? 0) + (t.now - t.completedAt));
}
