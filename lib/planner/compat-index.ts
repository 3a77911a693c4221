import { Bitset } from "./bitset";
import type { Model } from "./model";

/**
 * Which hosts a domain could go to as far as the static pre-checks go (hypervisor, CPU, switches,
 * volumes and their storage), without running them host by host: hosts are indexed by each fact,
 * and a domain's compatible set is the intersection for its requirements. Domains with the same
 * requirements (the same source platform, switches and volume mapping) share one cached set. The
 * rules mirror lib/prechecks/checks; compat-index.test.ts holds them to runPrechecks on random cases.
 */

export type StaticCode =
  | "HYPERVISOR_MISMATCH"
  | "CPU_INCOMPATIBLE"
  | "SWITCH_MISSING"
  | "VOLUME_MISSING"
  | "VOLUME_STORAGE_MISMATCH";

interface Requirement {
  compatible: Bitset;
  failures: [StaticCode, Bitset][];
}

export class CompatIndex {
  private readonly all: Bitset;
  private readonly byHypervisor = new Map<string, Bitset>();
  private readonly byCpu = new Map<string, Bitset>();
  private readonly bySwitch = new Map<string, Bitset>();
  private readonly byVolume = new Map<string, Bitset>();
  private readonly byVolumeStorage = new Map<string, Bitset>();
  private readonly cache = new Map<string, Requirement>();
  private readonly empty: Bitset;
  private readonly byDomain: ({ source: number; requirement: Requirement } | undefined)[] = [];
  private readonly hostKeys: Int32Array;
  private readonly hostKeyIds = new Map<string, number>();

  constructor(private readonly model: Model) {
    const size = model.hosts.length;
    this.all = Bitset.full(size);
    this.empty = new Bitset(size);
    this.hostKeys = new Int32Array(size).fill(-1);
    const add = (map: Map<string, Bitset>, key: string, host: number) => {
      let set = map.get(key);
      if (!set) {
        set = new Bitset(size);
        map.set(key, set);
      }
      set.add(host);
    };
    model.hosts.forEach((host, index) => {
      add(this.byHypervisor, host.hypervisor, index);
      add(this.byCpu, cpuKey(host.cpu), index);
      for (const name of host.switches) add(this.bySwitch, name, index);
      for (const [volume, storage] of Object.entries(host.volumes)) {
        add(this.byVolume, volume, index);
        add(this.byVolumeStorage, volumeKey(volume, storage), index);
      }
    });
  }

  /** Hosts passing every static check for domain `d` leaving host `source` (the source included). */
  compatible(d: number, source: number): Bitset {
    return this.entry(d, source).compatible;
  }

  /** For each static check, the hosts that fail it for domain `d` leaving `source` (shared: do not change). */
  failures(d: number, source: number): readonly [StaticCode, Bitset][] {
    return this.entry(d, source).failures;
  }

  private entry(d: number, source: number): Requirement {
    const known = this.byDomain[d];
    if (known && known.source === source) return known.requirement;
    const key = this.requirementKey(d, source);
    let requirement = this.cache.get(key);
    if (!requirement) {
      const failures = this.computeFailures(d, source);
      const compatible = this.all.clone();
      for (const [, failing] of failures) compatible.andNot(failing);
      requirement = { compatible, failures };
      this.cache.set(key, requirement);
    }
    this.byDomain[d] = { source, requirement };
    return requirement;
  }

  private computeFailures(d: number, source: number): [StaticCode, Bitset][] {
    const domain = this.model.domains[d];
    const from = this.model.hosts[source];
    if (!domain || !from) throw new Error(`no domain ${d} or host ${source}`);
    const size = this.all.size;
    const result: [StaticCode, Bitset][] = [];
    const missingFrom = (set: Bitset | undefined) => new Bitset(size).orNot(set ?? this.empty);
    result.push(["HYPERVISOR_MISMATCH", missingFrom(this.byHypervisor.get(from.hypervisor))]);
    if (domain.cpuArch !== "generic") {
      result.push(["CPU_INCOMPATIBLE", missingFrom(this.byCpu.get(cpuKey(from.cpu)))]);
    }
    if (domain.switches.length > 0) {
      const failing = new Bitset(size);
      for (const name of domain.switches) failing.orNot(this.bySwitch.get(name) ?? this.empty);
      result.push(["SWITCH_MISSING", failing]);
    }
    if (domain.volumes.length > 0) {
      const missing = new Bitset(size);
      const mismatched = new Bitset(size);
      for (const volume of domain.volumes) {
        const present = this.byVolume.get(volume) ?? this.empty;
        missing.orNot(present);
        const storage = from.volumes[volume];
        const same = storage === undefined ? undefined : this.byVolumeStorage.get(volumeKey(volume, storage));
        mismatched.orAndNot(present, same ?? this.empty);
      }
      result.push(["VOLUME_MISSING", missing], ["VOLUME_STORAGE_MISMATCH", mismatched]);
    }
    return result;
  }

  /**
   * What the static checks depend on: the source's platform and volume table (interned per host)
   * and the domain's CPU arch, switches and volumes. Lists are taken in the order given: two orders
   * of one list only cost a second cache entry.
   */
  private requirementKey(d: number, source: number): string {
    const domain = this.model.domains[d];
    if (!domain) throw new Error(`no domain ${d}`);
    const generic = domain.cpuArch === "generic" ? "g" : "n";
    return `${this.hostKey(source)}\u0002${generic}\u0002${domain.switches.join(",")}\u0002${domain.volumes.join(",")}`;
  }

  private hostKey(h: number): number {
    let key = this.hostKeys[h] ?? -1;
    if (key < 0) {
      const host = this.model.hosts[h];
      if (!host) throw new Error(`no host ${h}`);
      const text = `${host.hypervisor}\u0002${cpuKey(host.cpu)}\u0002${JSON.stringify(host.volumes)}`;
      key = this.hostKeyIds.get(text) ?? this.hostKeyIds.size;
      this.hostKeyIds.set(text, key);
      this.hostKeys[h] = key;
    }
    return key;
  }
}

function cpuKey(cpu: { model: string; mhz: number }): string {
  return `${cpu.model}@${cpu.mhz}`;
}

function volumeKey(volume: string, storage: string): string {
  return `${volume}\u0000${storage}`;
}
