/**
 * Summary statistics of a sample. Percentiles use the nearest-rank method on the sorted sample, so a
 * reported p99 is a latency that was really observed (no interpolation between two requests).
 */

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** (measured - reference) / reference; NaN when the reference is 0 (a relative error means nothing there). */
export function relativeError(measured: number, reference: number): number {
  if (reference === 0) return measured === 0 ? 0 : Number.NaN;
  return (measured - reference) / reference;
}
