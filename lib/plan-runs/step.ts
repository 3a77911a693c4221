import type { MigrationStatus } from "../schemas/migration";
import { isFinalMove, type MoveState, type Run, type RunMove, type RunState } from "./types";

/**
 * One step of an applied plan: starts the pending moves of the current wave, follows the running
 * ones, and ends the run when every move has ended. Waves run in order because a later wave's
 * moves may need what an earlier wave frees. A failed move does not stop the run: every move is
 * pre-checked again by its agents when it starts, so one that depended on it fails safely too.
 * Cancelling stops the moves not yet started and cancels the running ones at their sources.
 *
 * Everything that touches the agents or the database goes through `RunIO`, so the rules here are
 * tested without either.
 */

export interface RunIO {
  /** Pending -> starting, atomically: false when another dashboard process took it first. */
  claim(move: RunMove): Promise<boolean>;
  start(move: RunMove): Promise<{ ok: true; status: MigrationStatus } | { ok: false; error: string }>;
  /** The migration as its source agent reports it; null while the agent cannot be asked. */
  status(move: RunMove): Promise<MigrationStatus | null>;
  /** A migration of the move's domain its source started at or after the claim, if any; throws
   * while the source cannot be asked. */
  findStarted(move: RunMove): Promise<MigrationStatus | null>;
  cancel(move: RunMove): Promise<void>;
  updateMove(move: RunMove, patch: Partial<Pick<RunMove, "state" | "migrationId" | "error">>): Promise<void>;
  finishRun(run: Run, state: RunState): Promise<void>;
}

/** How long a claimed move may go without a migration id before the runner looks for it. */
export const STARTING_GRACE_MS = 30_000;

export function currentWave(moves: readonly RunMove[]): number | null {
  const open = moves.filter((move) => !isFinalMove(move.state)).map((move) => move.wave);
  return open.length === 0 ? null : Math.min(...open);
}

export function moveStateOf(status: MigrationStatus): MoveState {
  if (status.phase === "completed" || status.phase === "failed" || status.phase === "cancelled")
    return status.phase;
  if (status.phase === "needs-attention") return "needs-attention";
  return "running";
}

export async function stepRun(run: Run, io: RunIO, now = Date.now()): Promise<void> {
  if (run.state === "completed" || run.state === "cancelled") return;
  const cancelling = run.state === "cancelling";
  for (const move of run.moves) {
    if (move.state === "pending" && cancelling) {
      await io.updateMove(move, {
        state: "cancelled",
        error: "the plan was cancelled before this move started",
      });
      move.state = "cancelled";
    } else if (move.state === "running" || move.state === "needs-attention") {
      await follow(move, io, cancelling);
    } else if (move.state === "starting") {
      await recover(move, io, now);
    }
  }
  const wave = currentWave(run.moves);
  if (wave === null) {
    await io.finishRun(run, cancelling ? "cancelled" : "completed");
    return;
  }
  if (cancelling) return;
  for (const move of run.moves) {
    if (move.wave === wave && move.state === "pending") await begin(move, io);
  }
}

async function begin(move: RunMove, io: RunIO): Promise<void> {
  if (!(await io.claim(move))) return;
  move.state = "starting";
  const result = await io.start(move);
  if (result.ok) {
    move.state = moveStateOf(result.status);
    move.migrationId = result.status.id;
    await io.updateMove(move, { state: move.state, migrationId: move.migrationId });
  } else {
    move.state = "failed";
    move.error = result.error;
    await io.updateMove(move, { state: "failed", error: result.error });
  }
}

async function follow(move: RunMove, io: RunIO, cancelling: boolean): Promise<void> {
  const status = await io.status(move);
  if (!status) return; // the source cannot be asked now: ask again next step
  if (cancelling && status.phase !== "needs-attention" && !isFinalMove(moveStateOf(status))) {
    await io.cancel(move);
  }
  const state = moveStateOf(status);
  const error =
    status.error ??
    (state === "needs-attention" ? "the hand-off needs an admin: settle it on the migrations page" : null);
  if (state !== move.state || error !== move.error) {
    move.state = state;
    move.error = error;
    await io.updateMove(move, { state, error });
  }
}

/** A claim whose start was never recorded (the dashboard stopped in between): adopt or fail it. */
async function recover(move: RunMove, io: RunIO, now: number): Promise<void> {
  if (move.startedAt && now - move.startedAt.getTime() < STARTING_GRACE_MS) return;
  let status: MigrationStatus | null;
  try {
    status = await io.findStarted(move);
  } catch {
    return; // the source cannot be asked now: ask again next step
  }
  if (status) {
    move.state = moveStateOf(status);
    move.migrationId = status.id;
    await io.updateMove(move, { state: move.state, migrationId: status.id });
  } else {
    move.state = "failed";
    move.error = "the dashboard stopped while starting this move, and its source shows no migration of it";
    await io.updateMove(move, { state: "failed", error: move.error });
  }
}
