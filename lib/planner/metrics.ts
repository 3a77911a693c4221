import type { Model } from "./model";
import type { ClusterMetrics } from "./plan-types";

/**
 * The figures a plan reports before and after: imbalance as the standard deviation of CPU use and
 * of memory use over the hosts in service (what the balance goal evens out), the hottest host over
 * all hosts, and how many hosts hold a domain (what consolidate lowers).
 */
export function clusterMetrics(
  model: Model,
  state: { cpuUsed: ArrayLike<number>; memoryUsed: ArrayLike<number>; residents: ArrayLike<number> },
): ClusterMetrics {
  let n = 0;
  let sumCpu = 0;
  let sumCpu2 = 0;
  let sumMemory = 0;
  let sumMemory2 = 0;
  let hottest: ClusterMetrics["hottest"] = null;
  let hostsUsed = 0;
  model.hosts.forEach((host, h) => {
    const cpu = (state.cpuUsed[h] ?? 0) / host.cpu.strands;
    const memory = (state.memoryUsed[h] ?? 0) / host.memoryMiB;
    if ((state.residents[h] ?? 0) > 0) hostsUsed++;
    if (!hottest || Math.max(cpu, memory) > Math.max(hottest.cpu, hottest.memory)) {
      hottest = { host: host.name, cpu, memory };
    }
    if (model.drained[h]) return;
    n++;
    sumCpu += cpu;
    sumCpu2 += cpu * cpu;
    sumMemory += memory;
    sumMemory2 += memory * memory;
  });
  const deviation = (sum: number, squares: number) =>
    n === 0 ? 0 : Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2));
  const found = hottest as ClusterMetrics["hottest"];
  return {
    imbalance: { cpu: round(deviation(sumCpu, sumCpu2)), memory: round(deviation(sumMemory, sumMemory2)) },
    hottest: found ? { host: found.host, cpu: round(found.cpu), memory: round(found.memory) } : null,
    hostsUsed,
    hostsInService: n,
    mean: { cpu: round(n === 0 ? 0 : sumCpu / n), memory: round(n === 0 ? 0 : sumMemory / n) },
  };
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
