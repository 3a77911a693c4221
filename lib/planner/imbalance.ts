import type { Ledger } from "./ledger";
import type { Model } from "./model";

/**
 * The balance objective, kept up to date as moves are made: for CPU and for memory, the sum of
 * squared deviations of the hosts' use from the mean, over the hosts in service. A move changes two
 * hosts, so its effect on either sum is computed exactly in constant time from the running totals.
 */

export interface Spread {
  cpu: number;
  memory: number;
}

export class Imbalance {
  /** Each host's CPU and memory use as fractions of its strands and memory. */
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
  /** The spreads when balancing began: no move may leave either above its own. */
  start: Spread = { cpu: Number.POSITIVE_INFINITY, memory: Number.POSITIVE_INFINITY };
  private readonly n: number;
  private sumCpu = 0;
  private sumCpu2 = 0;
  private sumMemory = 0;
  private sumMemory2 = 0;

  constructor(
    private readonly model: Model,
    private readonly ledger: Ledger,
  ) {
    const count = model.hosts.length;
    this.cpu = new Float64Array(count);
    this.memory = new Float64Array(count);
    this.n = model.inService.count();
    for (let h = 0; h < count; h++) this.refresh(h);
  }

  /** Takes host `h`'s use from the ledger again after it changed. */
  refresh(h: number): void {
    const host = this.model.hosts[h];
    if (!host) return;
    const cpu = (this.ledger.cpuUsed[h] ?? 0) / host.cpu.strands;
    const memory = (this.ledger.memoryUsed[h] ?? 0) / host.memoryMiB;
    if (!this.model.drained[h]) {
      const oldCpu = this.cpu[h] ?? 0;
      const oldMemory = this.memory[h] ?? 0;
      this.sumCpu += cpu - oldCpu;
      this.sumCpu2 += cpu * cpu - oldCpu * oldCpu;
      this.sumMemory += memory - oldMemory;
      this.sumMemory2 += memory * memory - oldMemory * oldMemory;
    }
    this.cpu[h] = cpu;
    this.memory[h] = memory;
  }

  mean(): Spread {
    return this.n === 0
      ? { cpu: 0, memory: 0 }
      : { cpu: this.sumCpu / this.n, memory: this.sumMemory / this.n };
  }

  /** Sums of squared deviations (n times the variance). */
  spread(): Spread {
    if (this.n === 0) return { cpu: 0, memory: 0 };
    return {
      cpu: Math.max(0, this.sumCpu2 - (this.sumCpu * this.sumCpu) / this.n),
      memory: Math.max(0, this.sumMemory2 - (this.sumMemory * this.sumMemory) / this.n),
    };
  }

  /**
   * How the spreads change if `cpu` strands and `memoryMiB` of load go from host `s` to host `t`.
   * Written into `into` (a fresh object by default): the search calls this in its inner loop.
   */
  delta(s: number, t: number, cpu: number, memoryMiB: number, into: Spread = { cpu: 0, memory: 0 }): Spread {
    const from = this.model.hosts[s];
    const to = this.model.hosts[t];
    if (!from || !to) throw new Error(`no host ${s} or ${t}`);
    into.cpu = this.deltaOf(this.cpu, this.sumCpu, s, t, cpu / from.cpu.strands, cpu / to.cpu.strands);
    into.memory = this.deltaOf(
      this.memory,
      this.sumMemory,
      s,
      t,
      memoryMiB / from.memoryMiB,
      memoryMiB / to.memoryMiB,
    );
    return into;
  }

  private deltaOf(use: Float64Array, sum: number, s: number, t: number, out: number, into: number): number {
    let dSum = 0;
    let dSquares = 0;
    if (!this.model.drained[s]) {
      const before = use[s] ?? 0;
      dSum -= out;
      dSquares += (before - out) * (before - out) - before * before;
    }
    if (!this.model.drained[t]) {
      const before = use[t] ?? 0;
      dSum += into;
      dSquares += (before + into) * (before + into) - before * before;
    }
    return this.n === 0 ? 0 : dSquares - (dSum * (2 * sum + dSum)) / this.n;
  }
}
