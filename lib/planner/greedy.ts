import { Bitset } from "./bitset";
import { buildPlan } from "./build-plan";
import { unitsByHost } from "./consolidate";
import { createContext, type PlanContext } from "./context";
import { clusterMetrics } from "./metrics";
import { dropNotesOfUnmoved, moveUnit } from "./move-unit";
import { mustMoveUnits } from "./must-move";
import type { Plan } from "./plan-types";
import type { Snapshot } from "./snapshot-schema";
import { survey } from "./survey";
import { loadAfter } from "./unit-delta";
import { listUnplaceable } from "./unplaceable";

/**
 * The usual greedy balancer, kept as the yardstick the planner is measured against (bench:planner):
 * move the largest domain off the most loaded host to the least loaded host that takes it, until
 * the most loaded host is within the tolerance of the mean. It obeys the same hard constraints and
 * waves (same ledger and pre-checks) and never moves a domain twice, so it ends; what it lacks is
 * any weighing of benefit against cost. Evacuation: largest first, to the least loaded host;
 * consolidation: emptiest host first, each domain to the most loaded host with room.
 */
export function greedyPlan(snapshot: Snapshot): Plan {
  const ctx = createContext(snapshot);
  const before = clusterMetrics(ctx.model, ctx.ledger);
  greedyEvacuate(ctx);
  if (snapshot.policy.goal === "balance") greedyBalance(ctx);
  if (snapshot.policy.goal === "consolidate") greedyConsolidate(ctx);
  return buildPlan(ctx, before);
}

function byMemory(ctx: PlanContext, units: number[]): number[] {
  return [...units].sort((a, b) => ctx.placement.load(b).memory - ctx.placement.load(a).memory || a - b);
}

/** The first host from the least loaded up that takes the unit and is below `below`. */
function leastLoaded(
  ctx: PlanContext,
  unit: number,
  below = Number.POSITIVE_INFINITY,
  avoid?: Bitset,
): number {
  let found = -1;
  ctx.buckets.ascending((t) => {
    if (ctx.buckets.load(t) >= below) return false;
    if (avoid?.has(t) || ctx.placement.fits(unit, t) !== null) return true;
    found = t;
    return false;
  });
  return found;
}

function greedyEvacuate(ctx: PlanContext): void {
  const list = mustMoveUnits(ctx);
  for (const unit of byMemory(
    ctx,
    list.map(({ unit }) => unit),
  )) {
    const why = list.find((entry) => entry.unit === unit)?.why ?? "must move";
    if (ctx.placement.moved(unit)) continue;
    if (ctx.placement.immovable(unit)) {
      listUnplaceable(ctx, unit, why, null);
      continue;
    }
    const target = leastLoaded(ctx, unit);
    const found = survey(ctx.placement, unit);
    if (target < 0 || moveUnit(ctx, unit, [{ target, why: "least loaded" }], found, why) === null) {
      listUnplaceable(ctx, unit, why, found);
    }
  }
}

function greedyBalance(ctx: PlanContext): void {
  const { placement, buckets, imbalance, model } = ctx;
  const blocked = new Bitset(model.hosts.length);
  for (;;) {
    let hottest = -1;
    buckets.descending((h) => {
      if (blocked.has(h)) return true;
      hottest = h;
      return false;
    });
    if (hottest < 0) return;
    const mean = imbalance.mean();
    const over = Math.max(
      (imbalance.cpu[hottest] ?? 0) - mean.cpu,
      (imbalance.memory[hottest] ?? 0) - mean.memory,
    );
    if (over <= model.level.tolerance) return;
    let moved = false;
    const units = (ctx.hostUnits[hottest] ?? []).filter(
      (unit) => !placement.moved(unit) && !placement.immovable(unit),
    );
    for (const unit of byMemory(ctx, units)) {
      if (placement.load(unit).memory === 0 && placement.load(unit).cpu === 0) continue;
      const target = leastLoaded(ctx, unit, buckets.load(hottest));
      if (target < 0) continue;
      const context = `greedy balance: ${model.hosts[hottest]?.name} is the most loaded host`;
      if (moveUnit(ctx, unit, [{ target, why: "least loaded" }], survey(placement, unit), context) !== null) {
        moved = true;
        break;
      }
    }
    if (!moved) blocked.add(hottest);
  }
}

function greedyConsolidate(ctx: PlanContext): void {
  const { model, placement, ledger, buckets } = ctx;
  const limit = model.level.consolidateBelow * model.policy.targetUtilization;
  const emptied = new Bitset(model.hosts.length);
  const hosts = [...model.inService]
    .filter((h) => (ledger.residents[h] ?? 0) > 0 && buckets.load(h) <= limit)
    .sort((a, b) => buckets.load(a) - buckets.load(b) || a - b);
  const touching = unitsByHost(ctx);
  for (const h of hosts) {
    const units = touching[h] ?? [];
    if (units.some((unit) => placement.moved(unit) || placement.immovable(unit))) continue;
    const avoid = emptied.clone();
    avoid.add(h);
    ledger.begin();
    let all = true;
    for (const unit of byMemory(ctx, units)) {
      let target = -1;
      buckets.descending((t) => {
        if (avoid.has(t) || loadAfter(ctx, unit, t) > model.policy.targetUtilization) return true;
        if (placement.fits(unit, t) !== null) return true;
        target = t;
        return false;
      });
      const why = "most loaded host with room";
      const context = `greedy consolidate: emptying ${model.hosts[h]?.name}`;
      if (
        target < 0 ||
        moveUnit(ctx, unit, [{ target, why }], survey(placement, unit, avoid), context) === null
      ) {
        all = false;
        break;
      }
    }
    if (all) {
      ledger.commit();
      emptied.add(h);
    } else {
      for (const host of ledger.rollback()) {
        ctx.imbalance.refresh(host);
        buckets.refresh(host);
      }
      dropNotesOfUnmoved(ctx);
    }
  }
}
