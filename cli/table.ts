/** Plain aligned columns, as ldm prints them. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** ldm's memory notation: 1G, 512M. */
export function memory(mib: number): string {
  return mib >= 1024 ? `${Number.isInteger(mib / 1024) ? mib / 1024 : (mib / 1024).toFixed(1)}G` : `${mib}M`;
}

/** ldm's uptime notation: 2h 7m, 3d 4h, 45s. */
export function uptime(seconds: number | null): string {
  if (seconds === null) return "";
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${seconds}s`;
}

export function seconds(value: number): string {
  return value >= 60 ? `${Math.floor(value / 60)}m ${Math.round(value % 60)}s` : `${value.toFixed(1)}s`;
}
