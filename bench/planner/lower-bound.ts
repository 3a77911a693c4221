import type { Snapshot } from "../../lib/planner/snapshot-schema";

/**
 * What no plan can beat, for the benchmark's last row: perfect balance (every host in service at
 * the mean use, so no spread and the hottest host at the mean), and the least data that reaching it
 * must send: a running domain sends at least its memory, a bound or inactive one next to nothing
 * (cold), so each host above the mean sends at least its excess beyond what cold moves can shed,
 * and each host being emptied the memory of its running domains that can move at all. For
 * consolidate, the fewest hosts whose room at targetUtilization holds the demand, largest first.
 * Every other constraint is ignored, so the bound is optimistic.
 */

export interface LowerBound {
  moves: number | null;
  transferMiB: number;
  hottest: number;
  hostsUsed: number;
}

export function lowerBound(snapshot: Snapshot): LowerBound {
  const { policy } = snapshot;
  const drained = new Set([
    ...policy.evacuate,
    ...snapshot.hosts.filter((host) => host.maintenance).map((h) => h.name),
  ]);
  const excluded = new Set(snapshot.rules.flatMap((rule) => (rule.kind === "exclude" ? [rule.domain] : [])));
  const used = new Map(snapshot.hosts.map((host) => [host.name, { cpu: 0, memory: 0, cold: 0 }]));
  let mustMoveMiB = 0;
  let mustMove = 0;
  for (const domain of snapshot.domains) {
    const load = used.get(domain.host);
    if (!load) continue;
    const movable =
      !domain.directIO && !(domain.cryptoUnits > 0 && domain.vcpus > 1) && !excluded.has(domain.name);
    if (drained.has(domain.host) && movable) mustMove++;
    if (domain.state === "inactive") continue;
    load.cpu += domain.cpuUsed;
    load.memory += domain.memoryMiB;
    if (domain.state === "bound" && movable) load.cold += domain.memoryMiB;
    if (drained.has(domain.host) && movable && domain.state === "active") mustMoveMiB += domain.memoryMiB;
  }
  const inService = snapshot.hosts.filter((host) => !drained.has(host.name));
  const totalCpu = [...used.values()].reduce((sum, load) => sum + load.cpu, 0);
  const totalMemory = [...used.values()].reduce((sum, load) => sum + load.memory, 0);
  const capacityCpu = inService.reduce((sum, host) => sum + host.cpu.strands, 0);
  const capacityMemory = inService.reduce((sum, host) => sum + host.memoryMiB, 0);
  const meanMemory = totalMemory / capacityMemory;
  let excess = 0;
  for (const host of inService)
    excess += Math.max(0, (used.get(host.name)?.memory ?? 0) - meanMemory * host.memoryMiB);
  const fewest = fewestHosts(inService, totalCpu, totalMemory, policy.targetUtilization);
  return {
    moves: policy.goal === "evacuate" ? mustMove : null,
    transferMiB:
      policy.goal === "consolidate" ? mustMoveMiB : mustMoveMiB + (policy.goal === "balance" ? excess : 0),
    hottest: Math.max(totalCpu / capacityCpu, meanMemory),
    hostsUsed: policy.goal === "consolidate" ? fewest : inService.length,
  };
}

function fewestHosts(hosts: Snapshot["hosts"], cpu: number, memory: number, target: number): number {
  const bySize = [...hosts].sort((a, b) => b.memoryMiB - a.memoryMiB || b.cpu.strands - a.cpu.strands);
  let roomCpu = 0;
  let roomMemory = 0;
  let count = 0;
  for (const host of bySize) {
    if (roomCpu >= cpu && roomMemory >= memory) break;
    roomCpu += host.cpu.strands * target;
    roomMemory += host.memoryMiB * target;
    count++;
  }
  return count;
}
