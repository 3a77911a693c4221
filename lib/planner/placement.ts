import { fitBlockSizes } from "../memory/fit-blocks";
import type { DomainFacts } from "../prechecks/facts";
import { snapshotDomainFacts } from "../prechecks/from-snapshot";
import { Bitset } from "./bitset";
import { commitUnit } from "./commit-unit";
import type { CompatIndex } from "./compat-index";
import { capacityFailures, intrinsicFailures } from "./fast-capacity";
import type { Imbalance } from "./imbalance";
import type { Ledger } from "./ledger";
import type { LoadBuckets } from "./load-buckets";
import { allocateBlocks } from "./memory-blocks";
import type { Model } from "./model";
import { MoveCosts } from "./move-cost";
import { antiAffinityPartner, RULE_CODES } from "./rule-checks";

export interface UnitLoad {
  cpu: number;
  memory: number;
}

/**
 * Where a unit (a domain, or an affinity group moving whole) may go: the fast checks that pick
 * candidates. `commit` (commit-unit.ts) makes the move, confirmed by runPrechecks.
 */
export class Placement {
  readonly costs: MoveCosts;
  /** Moves the fast checks accepted and runPrechecks refused: zero unless the two disagree. */
  disagreements = 0;
  /** Three sets the survey reuses, rather than allocating its own for every move. */
  readonly scratch: [Bitset, Bitset, Bitset];
  private readonly allowedCache: (Bitset | undefined)[];
  private readonly shared = new Map<Bitset, Bitset>();
  private readonly facts: (DomainFacts | undefined)[];
  private readonly loads: (UnitLoad | undefined)[];
  private readonly weights: Float64Array;

  constructor(
    readonly model: Model,
    readonly ledger: Ledger,
    readonly compat: CompatIndex,
    readonly imbalance: Imbalance,
    readonly buckets: LoadBuckets,
  ) {
    this.costs = new MoveCosts(model);
    const size = model.hosts.length;
    this.scratch = [new Bitset(size), new Bitset(size), new Bitset(size)];
    this.allowedCache = new Array(model.rules.unitMembers.length);
    this.facts = new Array(model.domains.length);
    this.loads = new Array(model.rules.unitMembers.length);
    this.weights = new Float64Array(model.rules.unitMembers.length).fill(-1);
  }

  members(unit: number): number[] {
    return this.model.rules.unitMembers[unit] ?? [];
  }

  /** The host holding the whole unit, or -1 when its domains are on different hosts. */
  hostOf(unit: number): number {
    const [first, ...rest] = this.members(unit);
    const host = this.ledger.hostOf[first ?? -1] ?? -1;
    return rest.every((d) => this.ledger.hostOf[d] === host) ? host : -1;
  }

  moved(unit: number): boolean {
    return this.members(unit).some((d) => this.ledger.moved[d] === 1);
  }

  /** Why the unit can never move (an excluded domain, an I/O domain, ...): [code, domain], or null. */
  immovable(unit: number): [string, number] | null {
    for (const d of this.members(unit)) {
      const domain = this.model.domains[d];
      if (!domain) continue;
      if (this.model.rules.excluded[d]) return [RULE_CODES.exclude, d];
      const [code] = intrinsicFailures(domain);
      if (code) return [code, d];
    }
    return null;
  }

  /** CPU (strands used) and memory the unit holds. */
  load(unit: number): UnitLoad {
    let load = this.loads[unit];
    if (!load) {
      load = { cpu: 0, memory: 0 };
      for (const d of this.members(unit)) {
        const domain = this.model.domains[d];
        if (domain && this.model.holds[d]) {
          load.cpu += domain.cpuUsed;
          load.memory += domain.memoryMiB;
        }
      }
      this.loads[unit] = load;
    }
    return load;
  }

  /** What moving the unit weighs (move-cost.ts), predicted when first asked. */
  /** Whether moving the unit would pause a member longer than the policy's downtime limit. */
  disruptive(unit: number): boolean {
    const limit = this.model.policy.downtimeLimitMs;
    return this.members(unit).some((d) => this.costs.of(d).downtimeMs > limit);
  }

  weight(unit: number): number {
    let weight = this.weights[unit] ?? -1;
    if (weight < 0) {
      weight = 0;
      for (const d of this.members(unit)) weight += this.costs.weight(d);
      this.weights[unit] = weight;
    }
    return weight;
  }

  /**
   * Hosts in service that pass every static check and pin for each domain of the unit that would
   * move. A lone unpinned domain shares the set of every domain with its requirements.
   */
  allowed(unit: number): Bitset {
    let set = this.allowedCache[unit];
    if (set) return set;
    const members = this.members(unit);
    const [only] = members;
    if (members.length === 1 && only !== undefined && !this.model.rules.pins[only]) {
      const compatible = this.compat.compatible(only, this.model.initialHost[only] ?? 0);
      set = this.shared.get(compatible);
      if (!set) {
        set = compatible.clone().and(this.model.inService);
        this.shared.set(compatible, set);
      }
    } else {
      set = this.model.inService.clone();
      for (const d of members) {
        const here = this.model.initialHost[d] ?? 0;
        const reachable = this.compat.compatible(d, here).clone();
        reachable.add(here); // a domain already there stays; the others must pass
        set.and(reachable);
        const pins = this.model.rules.pins[d];
        if (pins) set.and(pins);
      }
    }
    this.allowedCache[unit] = set;
    return set;
  }

  /** The first check the unit fails on `t` after every move so far (fast checks), or null. */
  fits(unit: number, t: number): string | null {
    if (!this.allowed(unit).has(t)) return "STATIC";
    const members = this.members(unit);
    if (members.length === 1) return this.fitsOne(members[0] ?? -1, t);
    let free = this.ledger.freeAfterAll(t);
    const arriving: number[] = [];
    for (const d of members) {
      const domain = this.model.domains[d];
      if (!domain || this.ledger.hostOf[d] === t) continue;
      const blocks = this.model.blocks[d] ?? [];
      const [failed] = capacityFailures(domain, blocks, free);
      if (failed) return failed;
      if (antiAffinityPartner(this.model, this.ledger, d, t, Number.POSITIVE_INFINITY) !== null)
        return RULE_CODES.antiAffinity;
      const clash = (this.model.rules.antiOf[d] ?? []).some((rule) =>
        arriving.some((other) => this.model.rules.antiOf[other]?.includes(rule)),
      );
      if (clash) return RULE_CODES.antiAffinity;
      arriving.push(d);
      if (domain.state !== "inactive") {
        const left = free.memoryBlocksMiB && allocateBlocks(free.memoryBlocksMiB, blocks);
        free = {
          strands: free.strands - domain.vcpus,
          memoryMiB: free.memoryMiB - domain.memoryMiB,
          memoryBlocksMiB: left ?? undefined,
          consolePorts: free.consolePorts - 1,
        };
      } else free = { ...free, consolePorts: free.consolePorts - 1 };
    }
    return null;
  }

  private fitsOne(d: number, t: number): string | null {
    const { model, ledger } = this;
    const domain = model.domains[d];
    if (!domain || ledger.hostOf[d] === t) return "SAME_HOST";
    if ((ledger.portsFree[t] ?? 0) <= 0) return "NO_CONSOLE_PORT";
    if (model.holds[d]) {
      if ((model.strandCap[t] ?? 0) - (ledger.strandsUsed[t] ?? 0) < domain.vcpus) return "INSUFFICIENT_CPU";
      if ((model.hosts[t]?.memoryMiB ?? 0) - (ledger.memoryUsed[t] ?? 0) < domain.memoryMiB)
        return "INSUFFICIENT_MEMORY";
      const blocks = ledger.finalBlocks[t];
      if (blocks !== undefined && !this.blocksFit(model.blocks[d] ?? [], blocks, t))
        return "MEMORY_LAYOUT_INCOMPATIBLE";
    }
    for (const rule of model.rules.antiOf[d] ?? []) {
      if ((ledger.antiCount[rule]?.get(t) ?? 0) > 0) return RULE_CODES.antiAffinity;
    }
    return null;
  }

  /**
   * fitBlockSizes, answered from the largest free range where that settles it: no block larger
   * than it fits anywhere, and blocks that fit in it together fit (best fit only ever takes from
   * it what it takes from a range at most as large).
   */
  private blocksFit(blocks: readonly number[], free: readonly number[], t: number): boolean {
    const largest = this.ledger.largestFree(t);
    let total = 0;
    let biggest = 0;
    for (const size of blocks) {
      total += size;
      if (size > biggest) biggest = size;
    }
    if (biggest > largest) return false;
    if (total <= largest) return true;
    return fitBlockSizes(blocks, free).ok;
  }

  /** Moves the unit to `t`, each domain in the earliest wave it fits; false (and nothing done) if one does not. */
  commit(unit: number, t: number): boolean {
    return commitUnit(this, unit, t);
  }

  domainFacts(d: number): DomainFacts {
    let facts = this.facts[d];
    if (!facts) {
      const domain = this.model.domains[d];
      if (!domain) throw new Error(`no domain ${d}`);
      facts = snapshotDomainFacts(domain);
      this.facts[d] = facts;
    }
    return facts;
  }
}
