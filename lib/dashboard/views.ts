import type { MigrationStatus } from "../schemas/migration";
import { type HostRow, hostRows } from "./host-rows";
import type { ClusterHosts } from "./snapshot";
import { activeMigrations, type ClusterTotals, type HostLoad, hostLoad, totalsOf } from "./summary";

/**
 * What each live page gets from the server, first in its HTML and then on every poll: only what it
 * shows. A 200-host cluster's overview is a few dozen kilobytes this way, where the whole snapshot
 * (every domain's devices and memory blocks, every host's memory layout) is megabytes.
 */

export interface OverviewView {
  takenAt: string;
  totals: ClusterTotals;
  hosts: HostLoad[];
  migrations: MigrationStatus[];
}

export function overviewView(snapshot: ClusterHosts): OverviewView {
  const hosts = snapshot.hosts.map(hostLoad);
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

export function hostsView(snapshot: ClusterHosts): HostsView {
  return { takenAt: snapshot.takenAt, rows: hostRows(snapshot) };
}
