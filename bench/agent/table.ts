/**
 * Plain-text output: fixed-width tables and number formatting, so the figures line up in a terminal
 * and in a pasted log alike.
 */

export type Cell = string | number;

export function printTable(header: string[], rows: Cell[][], indent = "  "): void {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...text.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  console.log(line(header));
  console.log(indent + widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of text) console.log(line(row));
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "-";
}

/** A relative error as a signed percentage. */
export function pct(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "-";
  const text = (value * 100).toFixed(digits);
  // A tiny negative error rounds to "-0.0%": print it as the zero it is.
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${value > 0 ? "+" : ""}${text}%`;
}

export function heading(title: string): void {
  console.log(`\n== ${title} ==`);
}
