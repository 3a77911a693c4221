/**
 * Summary statistics of a sample, shared by the benchmarks. Percentiles use the nearest-rank method
 * on the sorted sample, so a reported p95 or p99 is a figure that was really observed (no
 * interpolation); with few samples a high percentile is simply one of the largest, which the
 * printed count makes plain.
 */

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
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
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** The median (robust to one slow garbage collection). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** (measured - reference) / reference; NaN when the reference is 0 (a relative error means nothing there). */
export function relativeError(measured: number, reference: number): number {
  if (reference === 0) return measured === 0 ? 0 : Number.NaN;
  return (measured - reference) / reference;
}
