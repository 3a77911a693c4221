import { Bitset } from "./bitset";
import type { PlanContext } from "./context";
import { packTargets } from "./evacuate";
import { dropNotesOfUnmoved, moveUnit } from "./move-unit";
import { survey } from "./survey";
import { loadAfter } from "./unit-delta";

/**
 * Consolidate: empty the hosts that are cheapest to empty (least data to send), each domain onto
 * the fullest host that stays within targetUtilization. A host is emptied whole or not at all (its
 * moves are undone if one domain finds no room), and only hosts used below the aggressiveness
 * level's share of targetUtilization are emptied, none holding a domain that may not move.
 *
 * Receivers are hosts meant to stay: the most loaded ones whose capacity covers the cluster's
 * demand at targetUtilization (with some slack), hosts holding a domain that may not move, and any
 * host the move leaves above the emptying threshold. So a host that took domains is not one a later
 * plan would empty, and no domain moves twice or back. Hosts that could not be emptied are tried once more after the first pass.
 */
export function consolidate(ctx: PlanContext): void {
  const { model } = ctx;
  const sets: HostSets = {
    limit: model.level.consolidateBelow * model.policy.targetUtilization,
    emptied: new Bitset(model.hosts.length),
    received: new Bitset(model.hosts.length),
    keep: new Bitset(model.hosts.length),
    anchored: anchoredHosts(ctx),
  };
  // The hosts to keep follow the load, which emptying changes: rounds go on (a few at most) until
  // the keep set of the state reached empties nothing more, the state a new plan would start from.
  for (let round = 0; round < 3; round++) {
    sets.keep = keepSet(ctx);
    if (emptyRound(ctx, candidatesFor(ctx, sets), sets) === 0) break;
  }
}

interface HostSets {
  /** Hosts used above this are not emptied; a receiver left above it is not one a later plan would empty. */
  limit: number;
  emptied: Bitset;
  /** Hosts that took domains: never emptied, so nothing moves twice. */
  received: Bitset;
  keep: Bitset;
  /** Hosts holding a domain that may not move: never emptied, by this plan or a later one. */
  anchored: Bitset;
}

type Candidate = { h: number; units: number[] };

/** Hosts worth emptying, cheapest first: below the threshold, none of their units moved or immovable. */
function candidatesFor(ctx: PlanContext, sets: HostSets): Candidate[] {
  const { model, placement, ledger, buckets } = ctx;
  const touching = unitsByHost(ctx);
  return [...model.inService]
    .filter((h) => !sets.received.has(h) && !sets.emptied.has(h) && (ledger.residents[h] ?? 0) > 0)
    .filter((h) => buckets.load(h) <= sets.limit)
    .map((h) => ({ h, units: touching[h] ?? [] }))
    .filter(({ units }) =>
      units.every(
        (unit) => !placement.immovable(unit) && !placement.disruptive(unit) && !placement.moved(unit),
      ),
    )
    .map(({ h, units }) => ({ h, units, cost: units.reduce((sum, unit) => sum + placement.weight(unit), 0) }))
    .sort((a, b) => a.cost - b.cost || buckets.load(a.h) - buckets.load(b.h) || a.h - b.h);
}

/** Empties what it can of `candidates`, trying the failed ones once more; returns how many it emptied. */
function emptyRound(ctx: PlanContext, candidates: Candidate[], sets: HostSets): number {
  let count = 0;
  for (let pass = 0, progress = true; pass < 2 && progress; pass++) {
    progress = false;
    for (const { h, units } of candidates) {
      if (sets.emptied.has(h) || sets.received.has(h) || units.some((unit) => ctx.placement.moved(unit)))
        continue;
      if (empty(ctx, h, units, sets)) {
        sets.emptied.add(h);
        count++;
        progress = true;
      }
    }
  }
  return count;
}

/** Tries to move every unit off `h`; keeps the moves only if all of them could be made. */
function empty(ctx: PlanContext, h: number, units: number[], sets: HostSets): boolean {
  const { placement, ledger, model } = ctx;
  const avoid = sets.emptied.clone();
  avoid.add(h);
  ledger.begin();
  const targets: number[] = [];
  const ordered = [...units].sort((a, b) => placement.load(b).memory - placement.load(a).memory || a - b);
  for (const unit of ordered) {
    const found = survey(placement, unit, avoid);
    // Hosts that stay anyway come first; the keep set only when none of them has room, as it is
    // the one kind of receiver a later plan might still want to empty.
    const staying = found.feasible.filter(
      (t) => sets.received.has(t) || sets.anchored.has(t) || loadAfter(ctx, unit, t) > sets.limit,
    );
    const receivers = staying.length > 0 ? staying : found.feasible.filter((t) => sets.keep.has(t));
    const context = `consolidate: emptying ${model.hosts[h]?.name}`;
    const target = moveUnit(ctx, unit, packTargets(ctx, unit, receivers), found, context);
    if (target === null) break;
    targets.push(target);
  }
  if (targets.length === units.length) {
    ledger.commit();
    for (const t of targets) sets.received.add(t);
    return true;
  }
  for (const host of ledger.rollback()) {
    ctx.imbalance.refresh(host);
    ctx.buckets.refresh(host);
  }
  dropNotesOfUnmoved(ctx);
  return false;
}

/**
 * The hosts consolidation keeps: the most loaded first, until their room at targetUtilization holds
 * the demand of every host in service, CPU and memory, plus a slack that shrinks as aggressiveness grows.
 */
function keepSet(ctx: PlanContext): Bitset {
  const { model, ledger, buckets } = ctx;
  const slack = 1 + model.level.consolidateSlack;
  const target = model.policy.targetUtilization;
  let cpuDemand = 0;
  let memoryDemand = 0;
  for (const h of model.inService) {
    cpuDemand += ledger.cpuUsed[h] ?? 0;
    memoryDemand += ledger.memoryUsed[h] ?? 0;
  }
  const keep = new Bitset(model.hosts.length);
  let cpuRoom = 0;
  let memoryRoom = 0;
  const order = [...model.inService].sort((a, b) => buckets.load(b) - buckets.load(a) || a - b);
  for (const h of order) {
    if (cpuRoom >= cpuDemand * slack && memoryRoom >= memoryDemand * slack) break;
    const host = model.hosts[h];
    if (!host) continue;
    keep.add(h);
    cpuRoom += host.cpu.strands * target;
    memoryRoom += host.memoryMiB * target;
  }
  return keep;
}

function anchoredHosts(ctx: PlanContext): Bitset {
  const anchored = new Bitset(ctx.model.hosts.length);
  ctx.model.rules.unitMembers.forEach((members, unit) => {
    if (!ctx.placement.immovable(unit)) return;
    for (const d of members) anchored.add(ctx.ledger.hostOf[d] ?? 0);
  });
  return anchored;
}

/** Every unit with a domain on each host (a host cannot be emptied without all of them). */
export function unitsByHost(ctx: PlanContext): number[][] {
  const units = ctx.model.hosts.map(() => new Set<number>());
  ctx.model.domains.forEach((_, d) => {
    units[ctx.ledger.hostOf[d] ?? 0]?.add(ctx.model.rules.unitOf[d] ?? 0);
  });
  return units.map((set) => [...set]);
}
