import { Bitset } from "./bitset";
import type { PlanContext } from "./context";
import { packTargets } from "./evacuate";
import { dropNotesOfUnmoved, moveUnit } from "./move-unit";
import { survey } from "./survey";

/**
 * Consolidate: empty the hosts that are cheapest to empty (least data to send) onto the others,
 * each domain onto the fullest host that stays within targetUtilization. A host is emptied whole
 * or not at all (its moves are undone if one domain finds no room), and a host that took domains
 * is kept, so no domain moves twice. Only hosts used below the aggressiveness level's share of
 * targetUtilization are emptied, and none holding a domain that may not move.
 */
export function consolidate(ctx: PlanContext): void {
  const { model, placement, ledger, buckets } = ctx;
  const limit = model.level.consolidateBelow * model.policy.targetUtilization;
  const emptied = new Bitset(model.hosts.length);
  const kept = new Bitset(model.hosts.length);
  const touching = unitsByHost(ctx);
  const candidates = [...model.inService]
    .filter((h) => (ledger.residents[h] ?? 0) > 0 && buckets.load(h) <= limit)
    .map((h) => ({ h, units: touching[h] ?? [] }))
    .filter(({ units }) => units.every((unit) => !placement.immovable(unit)))
    .map(({ h, units }) => ({
      h,
      units,
      cost: units.reduce((sum, unit) => sum + placement.weight(unit), 0),
    }))
    .sort((a, b) => a.cost - b.cost || buckets.load(a.h) - buckets.load(b.h) || a.h - b.h);
  for (const { h, units } of candidates) {
    if (kept.has(h) || units.some((unit) => placement.moved(unit))) continue;
    const avoid = emptied.clone();
    avoid.add(h);
    ledger.begin();
    const targets: number[] = [];
    const ordered = [...units].sort((a, b) => placement.load(b).memory - placement.load(a).memory || a - b);
    for (const unit of ordered) {
      const found = survey(placement, unit, avoid);
      const ranked = packTargets(ctx, unit, found.feasible);
      const name = model.hosts[h]?.name;
      const target = moveUnit(ctx, unit, ranked, found, `consolidate: emptying ${name}`);
      if (target === null) break;
      targets.push(target);
    }
    if (targets.length === units.length) {
      ledger.commit();
      emptied.add(h);
      for (const t of targets) kept.add(t);
    } else {
      for (const host of ledger.rollback()) {
        ctx.imbalance.refresh(host);
        buckets.refresh(host);
      }
      dropNotesOfUnmoved(ctx);
      kept.add(h);
    }
  }
}

/** Every unit with a domain on each host (a host cannot be emptied without all of them). */
export function unitsByHost(ctx: PlanContext): number[][] {
  const units = ctx.model.hosts.map(() => new Set<number>());
  ctx.model.domains.forEach((_, d) => {
    units[ctx.ledger.hostOf[d] ?? 0]?.add(ctx.model.rules.unitOf[d] ?? 0);
  });
  return units.map((set) => [...set]);
}
