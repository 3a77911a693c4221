import type { Policy, Rule, SnapshotInput } from "../planner/snapshot-schema";
import type { Domain } from "../schemas/domain";
import type { ClusterSnapshot, HostView } from "./snapshot";

/**
 * The planner's snapshot (CONTRACTS.md section 2) built from the agents' live inventories, the
 * admins' rules, the planner settings and the hosts in maintenance. Pure, so it is unit-tested.
 *
 * Hosts that do not answer are left out (nothing moves to or from them), and so are rules about
 * what they hold. Domains being migrated, and suspended ones, are held where they are.
 */

export type PlannerPolicy = Pick<
  Policy,
  | "goal"
  | "evacuate"
  | "aggressiveness"
  | "cpuOvercommit"
  | "maxParallelPerHost"
  | "linkMiBps"
  | "targetUtilization"
>;

export interface PlannerInputOptions {
  rules: Rule[];
  policy: PlannerPolicy;
  maintenance: string[];
}

/**
 * The domain copies that are the planner's to place: the copy arriving on a migration's target is
 * left out (what it holds stays taken on that host); the copy leaving its source is held by a rule.
 */
function placeable(domain: Domain): boolean {
  return domain.migration?.role !== "target";
}

/** Domains that hold strands and memory: an inactive domain holds neither until it is bound. */
function holdsResources(domain: Domain): boolean {
  return domain.state !== "inactive";
}

function plannerHost(view: HostView, maintenance: ReadonlySet<string>) {
  const host = view.host;
  if (!host) throw new Error(`host ${view.name} is unreachable`);
  const held = view.domains.filter((domain) => placeable(domain) && holdsResources(domain));
  return {
    name: view.name,
    cpu: {
      model: host.cpu.model,
      mhz: host.cpu.mhz,
      // What the guests may use: free now plus what the listed guests hold (the rest is the host's own).
      strands: host.cpu.strandsFree + held.reduce((sum, domain) => sum + domain.vcpus, 0),
    },
    memoryMiB: host.memory.freeMiB + held.reduce((sum, domain) => sum + domain.memoryMiB, 0),
    freeMemoryBlocksMiB: host.memory.freeBlocks.map((block) => block.sizeMiB),
    hypervisor: `${host.hypervisor.kind} ${host.hypervisor.version}`,
    switches: host.switches.map((vsw) => vsw.name),
    volumes: Object.fromEntries(host.volumes.map((volume) => [volume.name, volume.storage])),
    consolePorts: host.console ? host.console.freePorts.length : 0,
    maintenance: maintenance.has(view.name),
  };
}

function plannerDomain(domain: Domain, host: string) {
  return {
    name: domain.name,
    host,
    state: domain.state === "suspended" ? ("bound" as const) : domain.state,
    vcpus: domain.vcpus,
    cpuUsed: domain.workload.cpuUsed,
    memoryMiB: domain.memoryMiB,
    memoryBlocksMiB:
      domain.memoryBlocks.length > 0 ? domain.memoryBlocks.map((block) => block.sizeMiB) : undefined,
    dirtyRateMiBps: domain.workload.dirtyRateMiBps,
    cpuArch: domain.cpuArch,
    switches: [...new Set(domain.networks.map((network) => network.switch))],
    volumes: [...new Set(domain.disks.map((disk) => disk.volume))],
    directIO: domain.directIO.length > 0,
    cryptoUnits: domain.cryptoUnits,
  };
}

/** Keeps the rules whose domains (and pinned hosts) the snapshot has, trimmed to those. */
function knownRules(rules: Rule[], domains: ReadonlySet<string>, hosts: ReadonlySet<string>): Rule[] {
  return rules.flatMap((rule): Rule[] => {
    if (rule.kind === "affinity" || rule.kind === "anti-affinity") {
      const known = rule.domains.filter((name) => domains.has(name));
      return known.length >= 2 ? [{ ...rule, domains: known }] : [];
    }
    if (!domains.has(rule.domain)) return [];
    if (rule.kind === "pin") {
      const known = rule.hosts.filter((name) => hosts.has(name));
      // Pinned only to hosts out of reach: it may go nowhere now, so it stays where it is.
      return [known.length > 0 ? { ...rule, hosts: known } : { kind: "exclude", domain: rule.domain }];
    }
    return [rule];
  });
}

export function plannerInput(snapshot: ClusterSnapshot, options: PlannerInputOptions): SnapshotInput {
  const maintenance = new Set(options.maintenance);
  const reachable = snapshot.hosts.filter((view) => view.reachable && view.host);
  const hosts = reachable.map((view) => plannerHost(view, maintenance));
  const domains = reachable.flatMap((view) =>
    view.domains.filter(placeable).map((domain) => plannerDomain(domain, view.name)),
  );
  const held = reachable.flatMap((view) =>
    view.domains
      .filter((domain) => placeable(domain) && (domain.migration !== null || domain.state === "suspended"))
      .map((domain): Rule => ({ kind: "exclude", domain: domain.name })),
  );
  const hostNames = new Set(hosts.map((host) => host.name));
  const rules = knownRules(
    [...options.rules, ...held],
    new Set(domains.map((domain) => domain.name)),
    hostNames,
  );
  return {
    hosts,
    domains,
    rules,
    policy: { ...options.policy, evacuate: options.policy.evacuate.filter((name) => hostNames.has(name)) },
  };
}
