import "server-only";
import { liveHosts } from "./live-cluster";
import { maintenanceHostNames } from "./planner-store";
import { type HostsView, hostsView, type OverviewView, overviewView } from "./views";

/**
 * The overview and the hosts list as their pages render them and their polls answer: the agents'
 * shared round joined with the hosts the dashboard keeps in maintenance mode.
 */

export async function liveOverview(maxAgeMs?: number): Promise<OverviewView> {
  const [snapshot, inMaintenance] = await Promise.all([liveHosts(maxAgeMs), maintenanceHostNames()]);
  return overviewView(snapshot, inMaintenance);
}

export async function liveHostsView(maxAgeMs?: number): Promise<HostsView> {
  const [snapshot, inMaintenance] = await Promise.all([liveHosts(maxAgeMs), maintenanceHostNames()]);
  return hostsView(snapshot, inMaintenance);
}
