import { snapshotHostFacts, snapshotMoveKind } from "../prechecks/from-snapshot";
import { failedChecks, runPrechecks } from "../prechecks/run-prechecks";
import { capacityFailures } from "./fast-capacity";
import type { Placement } from "./placement";
import { antiAffinityPartner } from "./rule-checks";

/**
 * Making a unit's move: each of its domains is placed in a wave and confirmed there with
 * runPrechecks, the agents' own pre-checks, on the facts of that moment. A unit that fails anywhere
 * is undone whole, so an affinity group moves together or not at all.
 */
export function commitUnit(placement: Placement, unit: number, t: number): boolean {
  const { ledger } = placement;
  const touched = new Set<number>([t]);
  ledger.begin();
  for (const d of placement.members(unit)) {
    const from = ledger.hostOf[d] ?? -1;
    if (from === t) continue;
    touched.add(from);
    if (!schedule(placement, d, t)) {
      for (const h of ledger.rollback()) touched.add(h);
      refresh(placement, touched);
      return false;
    }
  }
  ledger.commit();
  refresh(placement, touched);
  return true;
}

/**
 * Places domain `d`'s move to `t` in the earliest wave where both hosts have a slot, the arrival
 * and every later one on both hosts fit, no anti-affine domain is there, and runPrechecks agrees
 * on the facts of that moment. The wave after both hosts' last one always does (see ledger.ts).
 */
function schedule(placement: Placement, d: number, t: number): boolean {
  const { ledger, model } = placement;
  const s = ledger.hostOf[d] ?? -1;
  const domain = model.domains[d];
  const source = model.hosts[s];
  const target = model.hosts[t];
  if (!domain || !source || !target) return false;
  const last = Math.max(ledger.nextWave(s), ledger.nextWave(t));
  for (let wave = 0; wave <= last; wave++) {
    if (ledger.slotsIn(s, wave) <= 0 || ledger.slotsIn(t, wave) <= 0) continue;
    if (antiAffinityPartner(model, ledger, d, t, wave) !== null) continue;
    const met = ledger.arrival(t, d, wave);
    if (!met || capacityFailures(domain, model.blocks[d] ?? [], met).length > 0) continue;
    if (!ledger.departureFits(s, d, wave)) continue;
    const checks = runPrechecks({
      source: snapshotHostFacts(source, ledger.freeAfterAll(s)),
      target: snapshotHostFacts(target, met),
      domain: placement.domainFacts(d),
      kind: snapshotMoveKind(domain),
    });
    if (failedChecks(checks).length > 0) {
      placement.disagreements++;
      continue;
    }
    ledger.move(d, t, wave);
    return true;
  }
  return false;
}

function refresh(placement: Placement, hosts: Iterable<number>): void {
  for (const h of hosts) {
    placement.imbalance.refresh(h);
    placement.buckets.refresh(h);
  }
}
