import type { PlanContext } from "./context";
import { loadsBefore, noteMove } from "./explain";
import type { Survey } from "./survey";

/**
 * Moves a unit to the first of `targets` where every one of its domains is confirmed, and notes
 * each move's explanation. `targets` come best first; a later one is only tried if the pre-checks
 * refuse an earlier one (which the fast checks make rare).
 */
export function moveUnit(
  ctx: PlanContext,
  unit: number,
  targets: readonly { target: number; why: string }[],
  survey: Survey,
  context: string,
): number | null {
  const { placement, ledger, model } = ctx;
  const members = placement.members(unit);
  for (const { target, why } of targets.slice(0, 3)) {
    const leaving = members.filter((d) => ledger.hostOf[d] !== target);
    const before = leaving.map((d) => loadsBefore(placement, ledger.hostOf[d] ?? 0, target));
    if (!placement.commit(unit, target)) continue;
    const names = members.map((d) => model.domains[d]?.name ?? String(d));
    leaving.forEach((d, i) => {
      const loads = before[i];
      if (!loads) return;
      const group = names.filter((name) => name !== model.domains[d]?.name);
      ctx.notes.set(d, noteMove(placement, loads, survey, context, why, group));
    });
    return target;
  }
  return null;
}

/** Forgets the notes of domains a rollback put back. */
export function dropNotesOfUnmoved(ctx: PlanContext): void {
  for (const d of ctx.notes.keys()) if (!ctx.ledger.moved[d]) ctx.notes.delete(d);
}
