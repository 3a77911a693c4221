import type { PlanContext } from "./context";
import { moveUnit } from "./move-unit";
import { mustMoveUnits } from "./must-move";
import { survey } from "./survey";
import { lowest } from "./top-targets";
import { loadAfter, unitDelta } from "./unit-delta";
import { listUnplaceable } from "./unplaceable";

/**
 * Places every unit that must move (evacuated and maintenance hosts, rule repairs), hardest first:
 * fewest possible hosts, then most memory, so the easy ones do not take the only room the hard ones
 * had. `spread` puts each where it harms balance least; `pack` (consolidate) on the fullest host that
 * stays within targetUtilization, else where it harms balance least. What cannot go anywhere is
 * listed as unplaceable with the checks that failed.
 */
export function placeMustMoves(ctx: PlanContext, mode: "spread" | "pack"): void {
  const { placement } = ctx;
  const list = mustMoveUnits(ctx).map((entry) => ({
    ...entry,
    hosts: placement.allowed(entry.unit).count(),
    memory: placement.load(entry.unit).memory,
  }));
  list.sort((a, b) => a.hosts - b.hosts || b.memory - a.memory || a.unit - b.unit);
  for (const { unit, why } of list) {
    if (placement.moved(unit)) continue;
    if (placement.immovable(unit)) {
      listUnplaceable(ctx, unit, why, null);
      continue;
    }
    const found = survey(placement, unit);
    const ranked = rankTargets(ctx, unit, found.feasible, mode);
    if (moveUnit(ctx, unit, ranked, found, why) === null) listUnplaceable(ctx, unit, why, found);
  }
}

/** The three best targets for the mode, best first. */
export function rankTargets(ctx: PlanContext, unit: number, feasible: number[], mode: "spread" | "pack") {
  const spread = lowest(feasible, (t) => {
    const delta = unitDelta(ctx, unit, t);
    return delta.cpu + delta.memory;
  }).map((target) => ({ target, why: "least harm to balance" }));
  if (mode === "spread") return spread;
  const packed = packTargets(ctx, unit, feasible);
  return [...packed, ...spread.filter(({ target }) => !packed.some((entry) => entry.target === target))];
}

/** The fullest hosts that stay within targetUtilization with the unit, fullest first. */
export function packTargets(ctx: PlanContext, unit: number, feasible: number[]) {
  const limit = ctx.model.policy.targetUtilization;
  return lowest(feasible, (t) => {
    const after = loadAfter(ctx, unit, t);
    return after <= limit + 1e-9 ? -after : Number.POSITIVE_INFINITY;
  }).map((target) => ({ target, why: `fullest host within targetUtilization ${Math.round(limit * 100)}%` }));
}
