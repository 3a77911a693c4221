/**
 * The analytical pre-copy model of DOMAIN.md, written out here on purpose rather than imported:
 * the benchmark checks the simulated engine against the formula, so it must not share code with
 * the engine or with the library's predictor (lib/prediction/precopy-model.ts), or a mistake in
 * one would be copied into the reference.
 *
 * Memory M, dirty rate D, bandwidth R, l = D/R. Round i (i = 0, 1, ...) sends M*l^i: the first
 * copies everything, each later one what the guest dirtied while the previous one was sent. Rounds
 * go on until the next one fits the downtime limit (M*l^n / R <= limit); that round n is sent with
 * the guest paused (stop-and-copy). So:
 *   total bytes = sum_{i=0..n} M*l^i = M(1 - l^(n+1)) / (1 - l)
 *   downtime    = M*l^n / R
 *   time        = total / R
 * For l >= 1 the rounds never shrink: the closed form does not converge.
 */

export interface ClosedFormInput {
  memoryBytes: number;
  dirtyBytesPerSec: number;
  bandwidthBytesPerSec: number;
  downtimeLimitMs: number;
}

export interface ClosedFormResult {
  ratio: number;
  /** False when l >= 1: no finite answer, the other fields are NaN. */
  converges: boolean;
  /** Index of the stop-and-copy round; rounds counted from 1 are n + 1. */
  n: number;
  totalBytes: number;
  seconds: number;
  downtimeMs: number;
}

export function closedForm(input: ClosedFormInput): ClosedFormResult {
  const M = input.memoryBytes;
  const R = input.bandwidthBytesPerSec;
  const l = input.dirtyBytesPerSec / R;
  if (l >= 1) {
    return {
      ratio: l,
      converges: false,
      n: Number.NaN,
      totalBytes: Number.NaN,
      seconds: Number.NaN,
      downtimeMs: Number.NaN,
    };
  }
  const limitBytes = (input.downtimeLimitMs / 1000) * R;
  // Smallest n >= 1 with M*l^n <= limitBytes (round 0 always copies everything, whatever its size).
  // l = 0: nothing is ever dirtied, so n = 1 with an empty stop-and-copy.
  const n = l === 0 ? 1 : Math.max(1, Math.ceil(Math.log(limitBytes / M) / Math.log(l)));
  const totalBytes = (M * (1 - l ** (n + 1))) / (1 - l);
  return {
    ratio: l,
    converges: true,
    n,
    totalBytes,
    seconds: totalBytes / R,
    downtimeMs: ((M * l ** n) / R) * 1000,
  };
}

/**
 * Whether the closed form stays inside the stop rules a real pre-copy also obeys (Xen, DOMAIN.md):
 * at most `maxRounds` rounds and at most `maxFactor` times the memory sent. Outside them the engine
 * is cut short by a rule the formula does not have, so comparing the two says nothing about either.
 */
export function withinStopRules(
  result: ClosedFormResult,
  memoryBytes: number,
  maxRounds = 30,
  maxFactor = 3,
): boolean {
  return result.converges && result.n + 1 <= maxRounds && result.totalBytes <= maxFactor * memoryBytes;
}
