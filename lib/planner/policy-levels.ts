/**
 * What `aggressiveness` (1 conservative .. 5 aggressive, as DRS's migration threshold) means:
 *
 * - `tolerance`: how far a host's CPU or memory use may sit from the cluster's mean before the
 *   planner acts on it. Hosts inside the band are left alone, which is also the hysteresis that
 *   keeps a plan applied and planned again from suggesting more moves.
 * - `minBenefit`: the imbalance a move must remove per unit of cost. Benefit is the drop in the sum
 *   of squared deviations of CPU and memory use; cost is the data the move sends as a fraction of
 *   an average host's memory, plus a fixed overhead per move.
 * - `consolidateBelow`: consolidate only empties hosts used below this share of targetUtilization.
 * - `consolidateSlack`: consolidate keeps hosts with this much room beyond the cluster's demand.
 */

export interface Level {
  tolerance: number;
  minBenefit: number;
  consolidateBelow: number;
  consolidateSlack: number;
}

const LEVELS: Record<number, Level> = {
  1: { tolerance: 0.2, minBenefit: 0.8, consolidateBelow: 0.3, consolidateSlack: 0.2 },
  2: { tolerance: 0.12, minBenefit: 0.4, consolidateBelow: 0.45, consolidateSlack: 0.1 },
  3: { tolerance: 0.07, minBenefit: 0.2, consolidateBelow: 0.6, consolidateSlack: 0.0 },
  4: { tolerance: 0.04, minBenefit: 0.08, consolidateBelow: 0.75, consolidateSlack: 0 },
  5: { tolerance: 0.02, minBenefit: 0.02, consolidateBelow: 0.9, consolidateSlack: 0 },
};

export function levelOf(aggressiveness: number): Level {
  const level = LEVELS[Math.min(5, Math.max(1, Math.round(aggressiveness)))];
  if (!level) throw new Error(`no level for aggressiveness ${aggressiveness}`);
  return level;
}

/** A fixed cost per move, as a fraction of an average host's memory: start-up, hand-off, risk. */
export const MOVE_OVERHEAD = 0.02;
