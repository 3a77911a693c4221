import { balance } from "./balance";
import { buildPlan } from "./build-plan";
import { consolidate } from "./consolidate";
import { createContext } from "./context";
import { placeMustMoves } from "./evacuate";
import { clusterMetrics } from "./metrics";
import { parseSnapshot } from "./parse-snapshot";
import type { Plan } from "./plan-types";
import type { Snapshot, SnapshotInput } from "./snapshot-schema";

/**
 * The planner: a snapshot in, a plan out (CONTRACTS.md section 2). Pure: it reads nothing but its
 * argument and changes nothing, so the CLI, the dashboard and what-if questions all call it alike.
 *
 * Every goal first empties the hosts that must be (maintenance, policy.evacuate) and repairs rule
 * violations the snapshot holds; then `balance` evens out use and `consolidate` empties hosts.
 */
export function plan(snapshot: Snapshot): Plan {
  const ctx = createContext(snapshot);
  const before = clusterMetrics(ctx.model, ctx.ledger);
  const goal = snapshot.policy.goal;
  placeMustMoves(ctx, goal === "consolidate" ? "pack" : "spread");
  if (goal === "balance") balance(ctx);
  if (goal === "consolidate") consolidate(ctx);
  return buildPlan(ctx, before);
}

/** The same from an unvalidated value (a parsed JSON body, say): throws SnapshotError on bad input. */
export function planFromInput(input: SnapshotInput | unknown): Plan {
  return plan(parseSnapshot(input));
}
