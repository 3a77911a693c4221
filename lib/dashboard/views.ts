import type { MigrationStatus } from "../schemas/migration";
import { type HostRow, hostRows } from "./host-rows";
import type { ClusterHosts } from "./snapshot";
import { activeMigrations, type ClusterTotals, type HostLoad, hostLoad, totalsOf } from "./summary";

/**
 * What each live page gets from the server, first in its HTML and then on every poll: only what it
 * shows. A 200-host cluster's overview is a few dozen kilobytes this way, where the whole snapshot
 * (every domain's devices and memory blocks, every host's memory layout) is megabytes.
 */

/** A host on the overview: its load, and whether admins put it in maintenance. */
export interface OverviewHost extends HostLoad {
  maintenance: boolean;
}

export interface OverviewView {
  takenAt: string;
  totals: ClusterTotals;
  hosts: OverviewHost[];
  migrations: MigrationStatus[];
}

/** `inMaintenance`: the hosts in maintenance mode, which the dashboard (not the agents) keeps. */
export function overviewView(snapshot: ClusterHosts, inMaintenance: ReadonlySet<string>): OverviewView {
  const hosts = snapshot.hosts.map((view) => ({
    ...hostLoad(view),
    maintenance: inMaintenance.has(view.name),
  }));
  return {
    takenAt: snapshot.takenAt,
    totals: totalsOf(hosts),
    hosts,
    migrations: activeMigrations(snapshot),
  };
}

export interface MigrationsView {
  takenAt: string;
  migrations: MigrationStatus[];
}

export function migrationsView(snapshot: ClusterHosts): MigrationsView {
  return { takenAt: snapshot.takenAt, migrations: activeMigrations(snapshot) };
}

export interface HostsView {
  takenAt: string;
  rows: HostRow[];
}

export function hostsView(snapshot: ClusterHosts, inMaintenance: ReadonlySet<string>): HostsView {
  return { takenAt: snapshot.takenAt, rows: hostRows(snapshot, inMaintenance) };
}
