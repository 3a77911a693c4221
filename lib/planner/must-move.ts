import type { PlanContext } from "./context";

/**
 * Units that have to move whatever the goal: those on a host in maintenance or being evacuated, and
 * those the snapshot already holds against a rule (off their pinned hosts, sharing a host with an
 * anti-affine domain, an affinity group split across hosts), which a plan repairs where it can.
 */

export interface MustMove {
  unit: number;
  why: string;
}

export function mustMoveUnits(ctx: PlanContext): MustMove[] {
  const { model, placement, ledger } = ctx;
  const found = new Map<number, string>();
  const add = (unit: number, why: string) => {
    if (!found.has(unit)) found.set(unit, why);
  };
  model.domains.forEach((_, d) => {
    const host = model.hosts[ledger.hostOf[d] ?? 0];
    if (host && model.drained[ledger.hostOf[d] ?? 0]) {
      add(
        model.rules.unitOf[d] ?? 0,
        host.maintenance ? `${host.name} is in maintenance` : `${host.name} is being evacuated`,
      );
    }
  });
  model.domains.forEach((domain, d) => {
    const pins = model.rules.pins[d];
    if (pins && !pins.has(ledger.hostOf[d] ?? 0)) {
      add(model.rules.unitOf[d] ?? 0, `${domain.name} is off the hosts it is pinned to`);
    }
  });
  model.rules.antiMembers.forEach((members) => {
    const seen = new Set<number>();
    for (const d of members) {
      const host = ledger.hostOf[d] ?? 0;
      if (seen.has(host)) {
        const name = model.domains[d]?.name;
        add(
          model.rules.unitOf[d] ?? 0,
          `${name} shares ${model.hosts[host]?.name} with an anti-affine domain`,
        );
      }
      seen.add(host);
    }
  });
  model.rules.unitMembers.forEach((members, unit) => {
    if (members.length > 1 && placement.hostOf(unit) < 0)
      add(unit, "its affinity group is split across hosts");
  });
  return [...found.entries()].map(([unit, why]) => ({ unit, why }));
}
