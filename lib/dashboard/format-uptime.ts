/**
 * Uptime the way `ldm list` prints it: the two largest units that matter ("3d 4h", "2h 24m",
 * "5m 3s", "12s"), so a column of uptimes stays short and comparable.
 */

const UNITS = [
  { suffix: "d", seconds: 86_400 },
  { suffix: "h", seconds: 3_600 },
  { suffix: "m", seconds: 60 },
  { suffix: "s", seconds: 1 },
] as const;

/** `null` (the domain is not running) prints as a dash. */
export function formatUptime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return "-";
  let rest = Math.floor(seconds);
  const parts: string[] = [];
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.seconds);
    rest -= count * unit.seconds;
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit.suffix}`);
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? "0s" : parts.join(" ");
}
