import "server-only";
import { db } from "../db/client";
import {
  ACTIVE_RUN_STATES,
  MOVE_STATES,
  type MoveState,
  RUN_STATES,
  type Run,
  type RunMove,
  type RunState,
} from "./types";

/** The applied plans in the database (PlanRun, PlanMove): the runner's memory across restarts. */

function runState(value: string): RunState {
  return (RUN_STATES as readonly string[]).includes(value) ? (value as RunState) : "completed";
}

function moveState(value: string): MoveState {
  return (MOVE_STATES as readonly string[]).includes(value) ? (value as MoveState) : "failed";
}

type MoveRow = Awaited<ReturnType<typeof db.planMove.findMany>>[number];

function toMove(row: MoveRow): RunMove {
  return {
    id: row.id,
    domain: row.domain,
    source: row.source,
    target: row.target,
    kind: row.kind === "cold" ? "cold" : row.kind === "warm" ? "warm" : "live",
    wave: row.wave,
    state: moveState(row.state),
    migrationId: row.migrationId,
    error: row.error,
    startedAt: row.startedAt,
  };
}

/** The runs still under way, with their moves, oldest first. */
export async function activeRuns(): Promise<Run[]> {
  const rows = await db.planRun.findMany({
    where: { state: { in: ACTIVE_RUN_STATES } },
    include: { moves: { orderBy: [{ wave: "asc" }, { domain: "asc" }] } },
    orderBy: { startedAt: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    state: runState(row.state),
    startedBy: row.startedBy,
    moves: row.moves.map(toMove),
  }));
}

export async function claimMove(id: string): Promise<boolean> {
  const { count } = await db.planMove.updateMany({
    where: { id, state: "pending" },
    data: { state: "starting", startedAt: new Date() },
  });
  return count === 1;
}

export async function updateMove(
  id: string,
  patch: { state?: MoveState; migrationId?: string | null; error?: string | null },
): Promise<void> {
  const ended = patch.state === "completed" || patch.state === "failed" || patch.state === "cancelled";
  await db.planMove.update({ where: { id }, data: { ...patch, ...(ended ? { endedAt: new Date() } : {}) } });
}

export async function finishRun(id: string, state: RunState): Promise<void> {
  await db.planRun.updateMany({
    where: { id, state: { in: ACTIVE_RUN_STATES } },
    data: { state, endedAt: new Date() },
  });
}

/** Asks a running plan to stop; false when it had already ended. */
export async function requestCancel(id: string): Promise<boolean> {
  const { count } = await db.planRun.updateMany({
    where: { id, state: "running" },
    data: { state: "cancelling" },
  });
  return count === 1;
}
