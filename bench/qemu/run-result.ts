import type { Prediction } from "../../lib/schemas/migration";
import type { BenchCase } from "./cases";

/**
 * One migration's figures, by either path, in the same terms so the two can be compared. All times
 * are milliseconds; the steps split the total into what both paths do (see STEP_NAMES).
 */

export type Path = "agents" | "direct";

/**
 * Where a migration's time goes, start to end:
 * - before: the agents' pre-check round trip (start request to the source's `prepare`); direct: none
 * - target: starting the target QEMU with -incoming (agents: the target agent's whole prepare)
 * - migrate: QEMU's migration, until the source side saw it completed (agents poll query-migrate
 *   every 200 ms, the direct path every 25 ms)
 * - arrival: agents only, the completion round trip over the control link: the target checks that
 *   its QEMU holds everything and writes that down before it answers
 * - handoff: until the guest runs on the target (agents: finish, the target's `cont`; direct: none,
 *   the target QEMU runs the guest by itself as soon as the stream is in)
 * - end: the source QEMU ended (agents: confirm, with its records written)
 */
export const STEP_NAMES = ["before", "target", "migrate", "arrival", "handoff", "end"] as const;
export type StepName = (typeof STEP_NAMES)[number];
export type Steps = Record<StepName, number | null>;

export interface RunResult {
  path: Path;
  /** Null when the migration did not complete; then `error` says why and the figures are absent. */
  error: string | null;
  totalMs: number;
  /** Direct only: QEMU's own `total-time` (the agents' source QEMU is gone before it could be asked). */
  qemuTotalMs: number | null;
  rounds: number;
  /** QEMU's own `downtime`. */
  qemuDowntimeMs: number | null;
  /**
   * The guest's pause as seen from outside: agents from the source agent's log of QEMU's STOP event
   * to the target agent's log of the guest running; direct from the source's STOP event to the
   * target's RESUME event (QEMU's timestamps).
   */
  pauseMs: number | null;
  /** Agents only: the downtime the agents report (the API's downtimeMs, the dashboard's history). */
  reportedDowntimeMs: number | null;
  sentBytes: number;
  steps: Steps;
  /** Agents only: the dry run's prediction, and the duration the dashboard's history compares it with. */
  prediction: Prediction | null;
  recordedMs: number | null;
}

export function failedRun(path: Path, error: unknown, totalMs: number): RunResult {
  return {
    path,
    error: error instanceof Error ? error.message : String(error),
    totalMs,
    qemuTotalMs: null,
    rounds: 0,
    qemuDowntimeMs: null,
    pauseMs: null,
    reportedDowntimeMs: null,
    sentBytes: 0,
    steps: { before: null, target: null, migrate: null, arrival: null, handoff: null, end: null },
    prediction: null,
    recordedMs: null,
  };
}

/** Differences of consecutive instants; null where either end is unknown. */
export function between(from: number | null | undefined, to: number | null | undefined): number | null {
  return from == null || to == null ? null : to - from;
}

/** A case's runs in the order they ran: agents, direct, agents, direct, ... */
export interface CaseResult {
  benchCase: BenchCase;
  runs: RunResult[];
}
