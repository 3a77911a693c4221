import type { PlanContext } from "./context";
import type { Spread } from "./imbalance";

/** Reused by unitDelta for a lone domain (the common case), so the search's inner loop allocates nothing. */
const scratch: Spread = { cpu: 0, memory: 0 };

/**
 * How the CPU and memory spreads change if the unit's domains not yet on `t` move there. The
 * result is only good until the next call: read it, do not keep it.
 */
export function unitDelta(ctx: PlanContext, unit: number, t: number): Spread {
  const { placement, model, ledger, imbalance } = ctx;
  const members = placement.members(unit);
  if (members.length === 1) {
    const d = members[0] ?? 0;
    const domain = model.domains[d];
    if (!domain || !model.holds[d]) {
      scratch.cpu = 0;
      scratch.memory = 0;
      return scratch;
    }
    return imbalance.delta(ledger.hostOf[d] ?? 0, t, domain.cpuUsed, domain.memoryMiB, scratch);
  }
  // Domains from one source move as one load; sources differ only for a group being reunited.
  const bySource = new Map<number, { cpu: number; memory: number }>();
  for (const d of members) {
    const s = ledger.hostOf[d] ?? 0;
    const domain = model.domains[d];
    if (s === t || !domain || !model.holds[d]) continue;
    const load = bySource.get(s) ?? { cpu: 0, memory: 0 };
    load.cpu += domain.cpuUsed;
    load.memory += domain.memoryMiB;
    bySource.set(s, load);
  }
  const total = { cpu: 0, memory: 0 };
  for (const [s, load] of bySource) {
    const delta = imbalance.delta(s, t, load.cpu, load.memory);
    total.cpu += delta.cpu;
    total.memory += delta.memory;
  }
  return total;
}

/** Host `t`'s higher use (CPU or memory) once the unit is there. */
export function loadAfter(ctx: PlanContext, unit: number, t: number): number {
  const { placement, model, imbalance } = ctx;
  const host = model.hosts[t];
  if (!host) return Number.POSITIVE_INFINITY;
  let cpu = 0;
  let memory = 0;
  for (const d of placement.members(unit)) {
    const domain = model.domains[d];
    if (!domain || !model.holds[d] || ctx.ledger.hostOf[d] === t) continue;
    cpu += domain.cpuUsed;
    memory += domain.memoryMiB;
  }
  return Math.max(
    (imbalance.cpu[t] ?? 0) + cpu / host.cpu.strands,
    (imbalance.memory[t] ?? 0) + memory / host.memoryMiB,
  );
}
