import type { Plan } from "../planner/plan-types";
import type { SnapshotInput } from "../planner/snapshot-schema";

/**
 * Each host's CPU and memory use before and after a plan, for the suggestions chart: the share of
 * its strands the guests use and of its memory they hold, with every move of the plan applied.
 * Inactive domains hold nothing (as in the planner's input).
 */

export interface HostBalance {
  name: string;
  maintenance: boolean;
  cpuBefore: number;
  cpuAfter: number;
  memoryBefore: number;
  memoryAfter: number;
}

export function hostBalances(input: SnapshotInput, plan: Pick<Plan, "moves">): HostBalance[] {
  const moved = new Map(plan.moves.map((move) => [move.domain, move.to]));
  const use = new Map(
    input.hosts.map((host) => [host.name, { cpuBefore: 0, cpuAfter: 0, memoryBefore: 0, memoryAfter: 0 }]),
  );
  for (const domain of input.domains) {
    if (domain.state === "inactive") continue;
    const before = use.get(domain.host);
    const after = use.get(moved.get(domain.name) ?? domain.host);
    if (before) {
      before.cpuBefore += domain.cpuUsed;
      before.memoryBefore += domain.memoryMiB;
    }
    if (after) {
      after.cpuAfter += domain.cpuUsed;
      after.memoryAfter += domain.memoryMiB;
    }
  }
  return input.hosts.map((host) => {
    const sums = use.get(host.name) ?? { cpuBefore: 0, cpuAfter: 0, memoryBefore: 0, memoryAfter: 0 };
    return {
      name: host.name,
      maintenance: host.maintenance === true,
      cpuBefore: sums.cpuBefore / host.cpu.strands,
      cpuAfter: sums.cpuAfter / host.cpu.strands,
      memoryBefore: sums.memoryBefore / host.memoryMiB,
      memoryAfter: sums.memoryAfter / host.memoryMiB,
    };
  });
}
