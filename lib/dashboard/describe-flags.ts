/**
 * The FLAGS column of `ldm list` in words, for tooltips and screen readers: admins read the letters,
 * everyone else needs to know that a `t` in the 6th place means "migration target".
 * Positions and letters as `lib/flags.ts` writes them.
 */

const MEANINGS: Record<string, string>[] = [
  { s: "starting or stopping" },
  { n: "normal" },
  { d: "delayed reconfiguration pending" },
  { c: "control domain" },
  { v: "virtual I/O service domain" },
  { s: "migration source", t: "migration target", e: "error in the last migration" },
];

/** What each set character means, in column order; unknown characters are named rather than dropped. */
export function describeFlags(flags: string): string[] {
  return [...flags].flatMap((letter, index) => {
    if (letter === "-") return [];
    return [MEANINGS[index]?.[letter] ?? `"${letter}" in position ${index + 1}`];
  });
}

/** One sentence for a tooltip or a visually hidden label. */
export function flagsSummary(flags: string): string {
  const meanings = describeFlags(flags);
  return meanings.length === 0 ? "no flags set" : meanings.join(", ");
}

/** The 6th character as a role in a migration, or null when the domain is not part of one. */
export function migrationMark(flags: string): "source" | "target" | "error" | null {
  const mark = flags[5];
  return mark === "s" ? "source" : mark === "t" ? "target" : mark === "e" ? "error" : null;
}
