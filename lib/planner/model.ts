import { Bitset } from "./bitset";
import { blocksOf } from "./memory-blocks";
import { type Level, levelOf } from "./policy-levels";
import { indexRules, type RulesIndex } from "./rules-index";
import type { Policy, Snapshot, SnapshotDomain, SnapshotHost } from "./snapshot-schema";

/**
 * The snapshot by index, with what never changes while planning: capacities, which hosts must be
 * emptied, the rules. The mutable side (who is where, what is free) is the ledger's.
 */

export interface Model {
  snapshot: Snapshot;
  policy: Policy;
  level: Level;
  hosts: SnapshotHost[];
  domains: SnapshotDomain[];
  hostIndex: Map<string, number>;
  domainIndex: Map<string, number>;
  /** In maintenance or named in policy.evacuate: must be emptied, takes nothing new. */
  drained: Uint8Array;
  inService: Bitset;
  /** Strands a host may hand out: strands x cpuOvercommit, whole strands. */
  strandCap: Float64Array;
  /** Active and bound domains hold strands and memory; inactive ones are definitions only. */
  holds: Uint8Array;
  initialHost: Int32Array;
  blocks: number[][];
  /** The average host's memory, the yardstick for a move's cost. */
  meanHostMemoryMiB: number;
  rules: RulesIndex;
}

export function buildModel(snapshot: Snapshot): Model {
  const { hosts, domains, policy } = snapshot;
  const hostIndex = new Map(hosts.map((host, index) => [host.name, index]));
  const domainIndex = new Map(domains.map((domain, index) => [domain.name, index]));
  const evacuate = new Set(policy.evacuate);
  const drained = Uint8Array.from(hosts, (host) => (host.maintenance || evacuate.has(host.name) ? 1 : 0));
  const inService = Bitset.of(
    hosts.length,
    hosts.flatMap((_, index) => (drained[index] ? [] : [index])),
  );
  const initialHost = Int32Array.from(domains, (domain) => {
    const index = hostIndex.get(domain.host);
    if (index === undefined) throw new Error(`domain ${domain.name} is on unknown host ${domain.host}`);
    return index;
  });
  return {
    snapshot,
    policy,
    level: levelOf(policy.aggressiveness),
    hosts,
    domains,
    hostIndex,
    domainIndex,
    drained,
    inService,
    strandCap: Float64Array.from(hosts, (host) => Math.floor(host.cpu.strands * policy.cpuOvercommit + 1e-9)),
    holds: Uint8Array.from(domains, (domain) => (domain.state === "inactive" ? 0 : 1)),
    initialHost,
    blocks: domains.map(blocksOf),
    meanHostMemoryMiB:
      hosts.length === 0 ? 1 : hosts.reduce((sum, host) => sum + host.memoryMiB, 0) / hosts.length,
    rules: indexRules(snapshot.rules, domains.length, hosts.length, domainIndex, hostIndex),
  };
}
