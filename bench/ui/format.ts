/** Table cells of the UI benchmark. */

/** Milliseconds for a table cell: whole numbers, "-" when nothing was measured. */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : "-";
}

export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 ** 2).toFixed(0)} MiB` : "-";
}
