/**
 * Summary statistics for the UI benchmark. Percentiles use the nearest-rank method on the sorted
 * sample, so a reported p95 is a latency that was really observed; with few samples the p95 is
 * simply the largest but one or two, which the printed count makes plain.
 */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
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
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** The median, the figure asked for page timings (robust to one slow garbage collection). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Milliseconds for a table cell: whole numbers, "-" when nothing was measured. */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : "-";
}

export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 ** 2).toFixed(0)} MiB` : "-";
}
