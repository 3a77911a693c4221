import type { FreeResources } from "../prechecks/from-snapshot";
import { type HostStart, insertEvent, replay, type TimelineEvent } from "./host-timeline";
import { type Journal, restoreJournal, saveHost } from "./ledger-journal";
import type { Model } from "./model";

/**
 * Who is where and what is free as the plan grows, and each move's wave. The sums (strands,
 * memory, CPU, console ports) and the free ranges are the state after every move so far: what the
 * planner decides on. Each host also keeps its timeline (host-timeline.ts), so a new move can take
 * the earliest wave in which both its hosts have a free slot and every arrival on them still fits.
 * One wave after everything its two hosts already do, a move meets exactly the state after every
 * move so far: a move that fits that state always finds a wave.
 */

export interface MoveRecord {
  domain: number;
  from: number;
  to: number;
  wave: number;
}

export class Ledger {
  readonly hostOf: Int32Array;
  readonly moved: Uint8Array;
  /** The wave each domain moves in, -1 while it stays. */
  readonly waveOf: Int32Array;
  readonly strandsUsed: Float64Array;
  readonly memoryUsed: Float64Array;
  readonly cpuUsed: Float64Array;
  readonly portsFree: Float64Array;
  readonly residents: Int32Array;
  readonly finalBlocks: (number[] | undefined)[];
  readonly events: TimelineEvent[][];
  /** Moves per wave on each host. */
  readonly perWave: Map<number, number>[];
  /** Per anti-affinity rule: how many of its domains each host holds after every move so far. */
  readonly antiCount: Map<number, number>[];
  readonly moves: MoveRecord[] = [];
  readonly journals: Journal[] = [];
  private readonly start: HostStart[];
  /** Cache of largestFree, -1 when stale. */
  readonly largest: Float64Array;

  constructor(readonly model: Model) {
    const hostCount = model.hosts.length;
    this.hostOf = model.initialHost.slice();
    this.moved = new Uint8Array(model.domains.length);
    this.waveOf = new Int32Array(model.domains.length).fill(-1);
    this.strandsUsed = new Float64Array(hostCount);
    this.memoryUsed = new Float64Array(hostCount);
    this.cpuUsed = new Float64Array(hostCount);
    this.portsFree = Float64Array.from(model.hosts, (host) => host.consolePorts);
    this.residents = new Int32Array(hostCount);
    this.finalBlocks = model.hosts.map((host) => host.freeMemoryBlocksMiB?.slice());
    this.events = Array.from({ length: hostCount }, () => []);
    this.perWave = Array.from({ length: hostCount }, () => new Map());
    this.antiCount = model.rules.antiMembers.map(() => new Map());
    model.domains.forEach((domain, d) => {
      const host = this.hostOf[d] ?? 0;
      this.residents[host] = (this.residents[host] ?? 0) + 1;
      if (model.holds[d]) {
        this.strandsUsed[host] = (this.strandsUsed[host] ?? 0) + domain.vcpus;
        this.memoryUsed[host] = (this.memoryUsed[host] ?? 0) + domain.memoryMiB;
        this.cpuUsed[host] = (this.cpuUsed[host] ?? 0) + domain.cpuUsed;
      }
      for (const rule of model.rules.antiOf[d] ?? []) bump(this.antiCount[rule], host, 1);
    });
    this.largest = new Float64Array(hostCount).fill(-1);
    this.start = model.hosts.map((_, h) => ({
      strandsUsed: this.strandsUsed[h] ?? 0,
      memoryUsed: this.memoryUsed[h] ?? 0,
      portsFree: this.portsFree[h] ?? 0,
      blocks: this.finalBlocks[h],
    }));
  }

  /** What host `t` has free after every move so far. */
  freeAfterAll(t: number): FreeResources {
    return {
      strands: (this.model.strandCap[t] ?? 0) - (this.strandsUsed[t] ?? 0),
      memoryMiB: (this.model.hosts[t]?.memoryMiB ?? 0) - (this.memoryUsed[t] ?? 0),
      memoryBlocksMiB: this.finalBlocks[t],
      consolePorts: this.portsFree[t] ?? 0,
    };
  }

  /** The wave after everything host `h` takes part in so far. */
  nextWave(h: number): number {
    return (this.events[h]?.at(-1)?.wave ?? -1) + 1;
  }

  /** Moves host `h` may still take part in during `wave`. */
  slotsIn(h: number, wave: number): number {
    return this.model.policy.maxParallelPerHost - (this.perWave[h]?.get(wave) ?? 0);
  }

  /** What domain `d` would meet arriving on `t` in `wave`, or null if it or a later arrival would not fit. */
  arrival(t: number, d: number, wave: number): FreeResources | null {
    const result = replay(this.model, t, this.startOf(t), this.events[t] ?? [], {
      wave,
      domain: d,
      arrive: true,
    });
    return result?.met ?? null;
  }

  /** Whether host `s`'s later arrivals still fit (memory layout) if `d` leaves it in `wave`. */
  departureFits(s: number, d: number, wave: number): boolean {
    // Leaving only gives resources back; only where they come back as ranges can order matter.
    if (wave >= this.nextWave(s) || this.startOf(s).blocks === undefined) return true;
    return (
      replay(this.model, s, this.startOf(s), this.events[s] ?? [], { wave, domain: d, arrive: false }) !==
      null
    );
  }

  /** Records domain `d` moving to `t` in `wave` (checked by the caller). */
  move(d: number, t: number, wave: number): void {
    const s = this.hostOf[d] ?? -1;
    const domain = this.model.domains[d];
    if (!domain || s < 0 || s === t) throw new Error(`bad move of domain ${d} to ${t}`);
    const journal = this.journals.at(-1);
    if (journal) {
      saveHost(this, journal, s);
      saveHost(this, journal, t);
      journal.domains.push(d);
      for (const rule of this.model.rules.antiOf[d] ?? []) {
        for (const h of [s, t]) {
          const key = `${rule}:${h}`;
          if (!journal.anti.has(key))
            journal.anti.set(key, { rule, host: h, count: this.antiCount[rule]?.get(h) });
        }
      }
    }
    insertEvent(this.events[s] ?? [], { wave, domain: d, arrive: false });
    insertEvent(this.events[t] ?? [], { wave, domain: d, arrive: true });
    for (const h of [s, t]) this.perWave[h]?.set(wave, (this.perWave[h]?.get(wave) ?? 0) + 1);
    if (this.model.holds[d]) {
      add(this.strandsUsed, s, -domain.vcpus);
      add(this.strandsUsed, t, domain.vcpus);
      add(this.memoryUsed, s, -domain.memoryMiB);
      add(this.memoryUsed, t, domain.memoryMiB);
      add(this.cpuUsed, s, -domain.cpuUsed);
      add(this.cpuUsed, t, domain.cpuUsed);
    }
    add(this.portsFree, s, 1);
    add(this.portsFree, t, -1);
    add(this.residents, s, -1);
    add(this.residents, t, 1);
    for (const rule of this.model.rules.antiOf[d] ?? []) {
      bump(this.antiCount[rule], s, -1);
      bump(this.antiCount[rule], t, 1);
    }
    for (const h of [s, t]) {
      const result = replay(this.model, h, this.startOf(h), this.events[h] ?? []);
      if (!result) throw new Error(`the waves of host ${this.model.hosts[h]?.name} no longer fit`);
      this.finalBlocks[h] = result.finalBlocks;
      this.largest[h] = -1;
    }
    this.hostOf[d] = t;
    this.moved[d] = 1;
    this.waveOf[d] = wave;
    this.moves.push({ domain: d, from: s, to: t, wave });
  }

  /** Starts a group of moves that is kept or undone as a whole (groups nest). */
  begin(): void {
    this.journals.push({ hosts: new Map(), anti: new Map(), domains: [], moves: this.moves.length });
  }

  commit(): void {
    const done = this.journals.pop();
    const outer = this.journals.at(-1);
    if (!done || !outer) return;
    for (const [h, saved] of done.hosts) if (!outer.hosts.has(h)) outer.hosts.set(h, saved);
    for (const [key, saved] of done.anti) if (!outer.anti.has(key)) outer.anti.set(key, saved);
    outer.domains.push(...done.domains);
  }

  /** Undoes the moves since the matching begin(); returns the hosts whose state changed back. */
  rollback(): number[] {
    const journal = this.journals.pop();
    if (!journal) throw new Error("rollback without begin");
    restoreJournal(this, journal);
    return [...journal.hosts.keys()];
  }

  /** The largest free range on host `h` after every move so far (for the common one-block domain). */
  largestFree(h: number): number {
    let largest = this.largest[h] ?? -1;
    if (largest < 0) {
      const blocks = this.finalBlocks[h];
      largest = blocks === undefined ? Number.POSITIVE_INFINITY : 0;
      for (const size of blocks ?? []) if (size > largest) largest = size;
      this.largest[h] = largest;
    }
    return largest;
  }

  private startOf(h: number): HostStart {
    const start = this.start[h];
    if (!start) throw new Error(`no host ${h}`);
    return start;
  }
}

function add(array: Float64Array | Int32Array, index: number, delta: number): void {
  array[index] = (array[index] ?? 0) + delta;
}

function bump(counts: Map<number, number> | undefined, host: number, delta: number): void {
  if (!counts) return;
  const next = (counts.get(host) ?? 0) + delta;
  if (next === 0) counts.delete(host);
  else counts.set(host, next);
}
