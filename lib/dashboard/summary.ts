import type { MigrationStatus } from "../schemas/migration";
import { isFinalPhase } from "../schemas/migration";
import type { ClusterHosts, HostSummary } from "./snapshot";

/** Any snapshot: every depth carries each host's migrations. */
export interface WithMigrations {
  hosts: readonly { migrations: readonly MigrationStatus[] }[];
}

/** What the overview shows, computed from the hosts and their migrations: pure, so it can be tested. */

/** A host is hot when its guests use this much of its CPU, or this much of its memory is taken. */
export const HOT_CPU = 0.8;
export const HOT_MEMORY = 0.9;

export interface HostLoad {
  name: string;
  reachable: boolean;
  error: string | null;
  cpuUsed: number;
  strandsAllocated: number;
  strandsTotal: number;
  memoryUsedMiB: number;
  memoryTotalMiB: number;
  domains: number;
  activeDomains: number;
  hot: boolean;
}

/** One host's figures; its domains are counted by its agent (GET /v1/host), so no domain list is needed. */
export function hostLoad(view: HostSummary): HostLoad {
  const host = view.host;
  if (!host) {
    return {
      name: view.name,
      reachable: false,
      error: view.error,
      cpuUsed: 0,
      strandsAllocated: 0,
      strandsTotal: 0,
      memoryUsedMiB: 0,
      memoryTotalMiB: 0,
      domains: 0,
      activeDomains: 0,
      hot: false,
    };
  }
  const memoryUsedMiB = host.memory.totalMiB - host.memory.freeMiB;
  const hot =
    host.cpu.usedStrands / host.cpu.strandsTotal >= HOT_CPU ||
    memoryUsedMiB / host.memory.totalMiB >= HOT_MEMORY;
  return {
    name: view.name,
    reachable: true,
    error: null,
    cpuUsed: host.cpu.usedStrands,
    strandsAllocated: host.cpu.strandsTotal - host.cpu.strandsFree,
    strandsTotal: host.cpu.strandsTotal,
    memoryUsedMiB,
    memoryTotalMiB: host.memory.totalMiB,
    domains: host.domains.total,
    activeDomains: host.domains.active,
    hot,
  };
}

export interface ClusterTotals {
  hosts: number;
  reachable: number;
  hot: number;
  domains: number;
  activeDomains: number;
  cpuUsed: number;
  strandsTotal: number;
  memoryUsedMiB: number;
  memoryTotalMiB: number;
}

export function clusterTotals(snapshot: ClusterHosts): ClusterTotals {
  return totalsOf(snapshot.hosts.map(hostLoad));
}

export function totalsOf(loads: readonly HostLoad[]): ClusterTotals {
  return {
    hosts: loads.length,
    reachable: loads.filter((load) => load.reachable).length,
    hot: loads.filter((load) => load.hot).length,
    domains: loads.reduce((sum, load) => sum + load.domains, 0),
    activeDomains: loads.reduce((sum, load) => sum + load.activeDomains, 0),
    cpuUsed: loads.reduce((sum, load) => sum + load.cpuUsed, 0),
    strandsTotal: loads.reduce((sum, load) => sum + load.strandsTotal, 0),
    memoryUsedMiB: loads.reduce((sum, load) => sum + load.memoryUsedMiB, 0),
    memoryTotalMiB: loads.reduce((sum, load) => sum + load.memoryTotalMiB, 0),
  };
}

/**
 * Every migration the agents know, once each: both ends report it, and the source's view wins
 * (it drives the migration), unless only the target can be reached.
 */
export function allMigrations(snapshot: WithMigrations): MigrationStatus[] {
  const byId = new Map<string, MigrationStatus>();
  for (const view of snapshot.hosts) {
    for (const migration of view.migrations) {
      const known = byId.get(migration.id);
      if (!known || (migration.role === "source" && known.role !== "source"))
        byId.set(migration.id, migration);
    }
  }
  return [...byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export function activeMigrations(snapshot: WithMigrations): MigrationStatus[] {
  return allMigrations(snapshot).filter((m) => !isFinalPhase(m.phase));
}
