import type { Bitset } from "./bitset";
import type { Placement } from "./placement";
import { RULE_CODES } from "./rule-checks";

/**
 * Every host a unit could go to right now, and for the others which checks rule them out: the
 * static pre-checks from the compatibility index (counted a whole set at a time), pins, hosts being
 * emptied, then the fast capacity and anti-affinity checks on the hosts still standing. This is what
 * a move's explanation reports and what an unplaceable domain's reason is made of.
 */

export interface Survey {
  /** Hosts that pass every check for the unit, now. */
  feasible: number[];
  /** Failing code -> how many hosts fail it, and one of them. */
  rejected: Map<string, { hosts: number; example: number }>;
}

export const EMPTIED_CODE = "HOST_BEING_EMPTIED";

export function survey(placement: Placement, unit: number, avoid?: Bitset): Survey {
  const { model, compat, ledger } = placement;
  const [here, pool, candidates] = placement.scratch;
  here.words.fill(0);
  for (const d of placement.members(unit)) here.add(ledger.hostOf[d] ?? 0);
  pool.copy(model.inService).andNot(here);
  const rejected = new Map<string, { hosts: number; example: number }>();
  const note = (code: string, hosts: number, example: number) => {
    if (hosts === 0) return;
    const seen = rejected.get(code);
    if (!seen || seen.hosts < hosts) rejected.set(code, { hosts, example });
  };
  const drained = model.hosts.length - here.count() - pool.count();
  if (drained > 0)
    note(
      RULE_CODES.drained,
      drained,
      model.drained.findIndex((flag, h) => flag === 1 && !here.has(h)),
    );
  for (const d of placement.members(unit)) {
    for (const [code, failing] of compat.failures(d, model.initialHost[d] ?? 0)) {
      note(code, failing.countAnd(pool), failing.firstAnd(pool));
    }
    const pins = model.rules.pins[d];
    if (pins) {
      const off = candidates.copy(pool).andNot(pins);
      note(RULE_CODES.pin, off.count(), off.firstAnd(off));
    }
  }
  candidates.copy(placement.allowed(unit)).andNot(here);
  if (avoid) {
    note(EMPTIED_CODE, candidates.countAnd(avoid), candidates.firstAnd(avoid));
    candidates.andNot(avoid);
  }
  const feasible: number[] = [];
  for (const t of candidates) {
    const code = placement.fits(unit, t);
    if (code === null) feasible.push(t);
    else {
      const seen = rejected.get(code);
      if (seen) seen.hosts++;
      else rejected.set(code, { hosts: 1, example: t });
    }
  }
  return { feasible, rejected };
}

/** The rejected codes, most frequent first. */
export function rankRejected(survey: Survey): { code: string; hosts: number; example: number }[] {
  return [...survey.rejected.entries()]
    .map(([code, { hosts, example }]) => ({ code, hosts, example }))
    .sort((a, b) => b.hosts - a.hosts || a.code.localeCompare(b.code));
}
