/**
 * Free console ports read better as ranges ("5009-5031, 5040") than as a list of thirty numbers,
 * and the ranges show at a glance whether the concentrator is fragmented.
 */

export interface PortRange {
  first: number;
  last: number;
}

/** Consecutive ports merged into ranges, in order; duplicates and input order do not matter. */
export function portRanges(ports: readonly number[]): PortRange[] {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const ranges: PortRange[] = [];
  for (const port of sorted) {
    const last = ranges.at(-1);
    if (last && port === last.last + 1) last.last = port;
    else ranges.push({ first: port, last: port });
  }
  return ranges;
}

export function formatPortRange(range: PortRange): string {
  return range.first === range.last ? String(range.first) : `${range.first}-${range.last}`;
}

/** "5000, 5002-5004"; an empty string when there is no port. */
export function formatPortRanges(ports: readonly number[]): string {
  return portRanges(ports).map(formatPortRange).join(", ");
}
