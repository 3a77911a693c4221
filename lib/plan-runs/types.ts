/**
 * An applied plan as the runner sees it: its moves run wave after wave through the agents. The
 * states are stored as strings in the database (PlanRun, PlanMove) and checked here.
 */

export const RUN_STATES = ["running", "cancelling", "completed", "cancelled"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const MOVE_STATES = [
  "pending",
  "starting",
  "running",
  "needs-attention",
  "completed",
  "failed",
  "cancelled",
] as const;
export type MoveState = (typeof MOVE_STATES)[number];

const FINAL_MOVE_STATES: readonly MoveState[] = ["completed", "failed", "cancelled"];

export function isFinalMove(state: MoveState): boolean {
  return FINAL_MOVE_STATES.includes(state);
}

/** A run still under way: its moves are being started, followed or cancelled. */
export const ACTIVE_RUN_STATES: string[] = ["running", "cancelling"];

export function isActiveRun(state: string): boolean {
  return ACTIVE_RUN_STATES.includes(state);
}

export interface RunMove {
  id: string;
  domain: string;
  source: string;
  target: string;
  kind: "live" | "warm" | "cold";
  wave: number;
  state: MoveState;
  migrationId: string | null;
  error: string | null;
  startedAt: Date | null;
}

export interface Run {
  id: string;
  state: RunState;
  startedBy: string;
  moves: RunMove[];
}
