import type { PlanContext } from "./context";
import { HostHeap } from "./host-heap";
import { moveUnit } from "./move-unit";
import { survey } from "./survey";
import { lowest } from "./top-targets";
import { unitDelta } from "./unit-delta";

/**
 * Balance by local search on the spread of CPU and memory use (sum of squared deviations from the
 * mean). Hosts furthest out of the tolerance band come off a max-heap first. A host above the band
 * pushes load out: each of its units is tried on the least loaded hosts it may go to. A host below
 * the band pulls load in from the most loaded hosts. Of the candidates, the move with the best
 * benefit per cost wins (benefit: the spread it removes; cost: the data it sends), so for the same
 * benefit small and quiet domains go first. A move is taken only if its benefit per cost clears
 * the aggressiveness level and it leaves neither spread above where it started.
 * The heap is refilled and the search repeated until a pass makes no move.
 */

/** Feasible targets tried per unit, and hosts visited at most, in a push; candidates in a pull. */
const PUSH_TARGETS = 3;
const VISITS = 300;
const PULL_VISITS = 20;
const PULL_CANDIDATES = 8;
const MAX_PASSES = 2;
const EPSILON = 1e-12;

interface Candidate {
  unit: number;
  source: number;
  target: number;
  score: number;
  /** Found for the target (a host below the band): it goes there, not elsewhere. */
  pull?: boolean;
}

export function balance(ctx: PlanContext): void {
  const { tolerance } = ctx.model.level;
  const units = movableUnits(ctx);
  ctx.imbalance.start = ctx.imbalance.spread();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const heap = new HostHeap();
    for (const h of ctx.model.inService) {
      const size = deviation(ctx, h).size;
      if (size > tolerance) heap.push(h, size);
    }
    let moves = 0;
    for (let entry = heap.pop(); entry; entry = heap.pop()) {
      const dev = deviation(ctx, entry.host);
      if (dev.size <= tolerance) continue;
      if (dev.size < entry.key - 1e-9) {
        heap.push(entry.host, dev.size);
        continue;
      }
      const choice = dev.over ? bestPush(ctx, units, entry.host) : bestPull(ctx, units, entry.host);
      if (choice) choice.pull = !dev.over;
      if (!choice) continue;
      const name = ctx.model.hosts[entry.host]?.name;
      const context = `balance: ${name} is ${Math.round(dev.size * 100)} points ${dev.over ? "above" : "below"} the mean`;
      const target = make(ctx, choice, context);
      if (target === null) continue;
      moves++;
      for (const h of [choice.source, target]) {
        const size = deviation(ctx, h).size;
        if (size > tolerance) heap.push(h, size);
      }
    }
    if (moves === 0) break;
  }
}

/** How far host `h` is from the mean: the larger of its CPU and memory gaps, and on which side. */
export function deviation(ctx: PlanContext, h: number): { size: number; over: boolean } {
  const mean = ctx.imbalance.mean();
  const cpu = (ctx.imbalance.cpu[h] ?? 0) - mean.cpu;
  const memory = (ctx.imbalance.memory[h] ?? 0) - mean.memory;
  const over = Math.max(cpu, memory);
  const under = Math.max(-cpu, -memory);
  return over >= under ? { size: over, over: true } : { size: under, over: false };
}

/**
 * Benefit per cost of moving the unit to `t`, or -Infinity when the move is not worth making. One
 * dimension may get a little less even for a larger gain in the other, but never less even than
 * it was when balancing began: the plan makes neither CPU nor memory imbalance worse.
 */
function score(ctx: PlanContext, unit: number, t: number): number {
  const delta = unitDelta(ctx, unit, t);
  if (delta.cpu > EPSILON || delta.memory > EPSILON) {
    const now = ctx.imbalance.spread();
    const start = ctx.imbalance.start;
    if (now.cpu + delta.cpu > start.cpu + EPSILON || now.memory + delta.memory > start.memory + EPSILON) {
      return Number.NEGATIVE_INFINITY;
    }
  }
  const gain = -(delta.cpu + delta.memory);
  if (gain <= EPSILON) return Number.NEGATIVE_INFINITY;
  const value = gain / ctx.placement.weight(unit);
  return value >= ctx.model.level.minBenefit ? value : Number.NEGATIVE_INFINITY;
}

/** Units that could move off each host to even out use: movable and holding something. */
function movableUnits(ctx: PlanContext): number[][] {
  const { placement } = ctx;
  return ctx.hostUnits.map((units) =>
    units.filter((unit) => {
      if (placement.immovable(unit) || placement.disruptive(unit)) return false;
      const load = placement.load(unit);
      return load.cpu > 0 || load.memory > 0;
    }),
  );
}

function bestPush(ctx: PlanContext, units: number[][], s: number): Candidate | null {
  const { placement, buckets } = ctx;
  const sourceLoad = buckets.load(s);
  const candidates = (units[s] ?? []).filter((unit) => !placement.moved(unit));
  const allowed = candidates.map((unit) => placement.allowed(unit));
  const found = new Int32Array(candidates.length);
  let open = candidates.length;
  let visits = 0;
  let best: Candidate | null = null;
  // One walk up from the least loaded host serves every unit: each stops counting once it has
  // its few feasible targets, and the walk ends when all have or the hosts get as loaded as `s`.
  buckets.ascending((t) => {
    if (open === 0 || buckets.load(t) >= sourceLoad || ++visits > VISITS) return false;
    if (t === s) return true;
    for (let i = 0; i < candidates.length; i++) {
      const unit = candidates[i] ?? 0;
      if ((found[i] ?? 0) >= PUSH_TARGETS || !allowed[i]?.has(t) || placement.fits(unit, t) !== null)
        continue;
      found[i] = (found[i] ?? 0) + 1;
      if (found[i] === PUSH_TARGETS) open--;
      const value = score(ctx, unit, t);
      if (value > (best?.score ?? Number.NEGATIVE_INFINITY))
        best = { unit, source: s, target: t, score: value };
    }
    return true;
  });
  return best;
}

function bestPull(ctx: PlanContext, units: number[][], t: number): Candidate | null {
  const { placement, buckets } = ctx;
  const targetLoad = buckets.load(t);
  let best: Candidate | null = null;
  let evaluated = 0;
  let visits = 0;
  buckets.descending((s) => {
    if (buckets.load(s) <= targetLoad || ++visits > PULL_VISITS) return false;
    if (s === t) return true;
    for (const unit of units[s] ?? []) {
      if (placement.moved(unit) || !placement.allowed(unit).has(t) || placement.fits(unit, t) !== null)
        continue;
      const value = score(ctx, unit, t);
      if (value > (best?.score ?? Number.NEGATIVE_INFINITY))
        best = { unit, source: s, target: t, score: value };
      if (++evaluated >= PULL_CANDIDATES) return false;
    }
    return true;
  });
  return best;
}

/**
 * Makes the chosen move, with the target settled over every host that passes the checks: the
 * search above looked at a few, the best of all of them is taken.
 */
function make(ctx: PlanContext, choice: Candidate, context: string): number | null {
  const found = survey(ctx.placement, choice.unit);
  const why = "best imbalance reduction per MiB moved";
  const ranked = lowest(found.feasible, (t) => -score(ctx, choice.unit, t)).map((target) => ({
    target,
    why,
  }));
  if (!ranked.some(({ target }) => target === choice.target)) ranked.push({ target: choice.target, why });
  return moveUnit(ctx, choice.unit, ranked, found, context);
}
