import { type HotResources, hotResources } from "./hot-resources";
import type { ClusterHosts, HostSummary } from "./snapshot";
import { hostLoad } from "./summary";

/**
 * The hosts list as rows the table can sort and filter: pure, so the browser and the tests share it.
 * The server sends the rows (not the hosts' memory layouts and volumes) on each poll.
 * Figures of an unreachable host are null (not zero), so they sort last and never pass for "empty".
 */

export interface HostRow {
  name: string;
  reachable: boolean;
  error: string | null;
  hot: boolean;
  /** In maintenance mode (the dashboard's own record): being emptied or kept empty. */
  maintenance: boolean;
  /** Which resource makes it hot. */
  hotBy: HotResources;
  cpuModel: string | null;
  cpuMhz: number | null;
  strandsFree: number | null;
  strandsTotal: number | null;
  /** Strands' worth of CPU the guests use now. */
  cpuUsed: number | null;
  memoryFreeMiB: number | null;
  memoryTotalMiB: number | null;
  largestFreeBlockMiB: number | null;
  /** null also when the host has no console concentrator. */
  consolePortsFree: number | null;
  consolePortsTotal: number | null;
  domainsActive: number;
  domainsTotal: number;
}

export function hostRow(view: HostSummary, maintenance = false): HostRow {
  const host = view.host;
  const load = hostLoad(view);
  const consolePorts = host?.console ? host.console.lastPort - host.console.firstPort + 1 : null;
  return {
    name: view.name,
    reachable: view.reachable && host !== null,
    error: view.error,
    hot: load.hot,
    maintenance,
    hotBy: hotResources(host),
    cpuModel: host?.cpu.model ?? null,
    cpuMhz: host?.cpu.mhz ?? null,
    strandsFree: host?.cpu.strandsFree ?? null,
    strandsTotal: host?.cpu.strandsTotal ?? null,
    cpuUsed: host ? load.cpuUsed : null,
    memoryFreeMiB: host?.memory.freeMiB ?? null,
    memoryTotalMiB: host?.memory.totalMiB ?? null,
    largestFreeBlockMiB: host ? Math.max(0, ...host.memory.freeBlocks.map((block) => block.sizeMiB)) : null,
    consolePortsFree: host?.console ? host.console.freePorts.length : null,
    consolePortsTotal: consolePorts,
    domainsActive: load.activeDomains,
    domainsTotal: load.domains,
  };
}

export function hostRows(snapshot: ClusterHosts, inMaintenance: ReadonlySet<string> = new Set()): HostRow[] {
  return snapshot.hosts.map((view) => hostRow(view, inMaintenance.has(view.name)));
}

export const HOST_SORT_KEYS = [
  "name",
  "state",
  "cpu",
  "strandsFree",
  "cpuUse",
  "memoryFree",
  "largestBlock",
  "consolePorts",
  "domains",
] as const;
export type HostSortKey = (typeof HOST_SORT_KEYS)[number];

/** The values aria-sort takes, so the table can pass them straight through. */
export type SortDirection = "ascending" | "descending";

export interface HostSort {
  key: HostSortKey;
  direction: SortDirection;
}

export const DEFAULT_HOST_SORT: HostSort = { key: "name", direction: "ascending" };

type SortValue = number | string | null;

/** Problems first when ascending: unreachable, then hot, then in maintenance, then fine. */
function stateRank(row: HostRow): number {
  if (!row.reachable) return 0;
  if (row.hot) return 1;
  return row.maintenance ? 2 : 3;
}

function share(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole === 0 ? null : part / whole;
}

const VALUES: Record<HostSortKey, (row: HostRow) => SortValue> = {
  name: (row) => row.name,
  state: stateRank,
  cpu: (row) => (row.cpuModel === null ? null : `${row.cpuModel} ${row.cpuMhz}`),
  strandsFree: (row) => row.strandsFree,
  cpuUse: (row) => share(row.cpuUsed, row.strandsTotal),
  memoryFree: (row) => row.memoryFreeMiB,
  largestBlock: (row) => row.largestFreeBlockMiB,
  consolePorts: (row) => row.consolePortsFree,
  // Active domains count most; the total breaks ties (1e6 is far above any host's domain count).
  domains: (row) => (row.reachable ? row.domainsActive * 1e6 + row.domainsTotal : null),
};

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "string" && typeof b === "string") return a.localeCompare(b, "en", { numeric: true });
  return Number(a) - Number(b);
}

/**
 * Sorted by one column; hosts without a figure (unreachable, no console) stay last in either
 * direction, and equal rows keep name order so a live refresh does not shuffle them.
 */
export function sortHostRows(rows: readonly HostRow[], sort: HostSort): HostRow[] {
  const value = VALUES[sort.key];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const order = compareValues(va, vb);
      if (order !== 0) return sign * order;
    }
    return compareValues(a.name, b.name);
  });
}

/** Columns of figures start with the largest, names and states in reading order. */
export function firstDirection(key: HostSortKey): SortDirection {
  return key === "name" || key === "state" || key === "cpu" ? "ascending" : "descending";
}

/** A click on the sorted column turns it around; on another column, sorts by that one. */
export function nextHostSort(current: HostSort, key: HostSortKey): HostSort {
  if (current.key !== key) return { key, direction: firstDirection(key) };
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

export type HostShow = "all" | "hot" | "unreachable" | "maintenance";

export interface HostFilter {
  /** Words that must all appear in the host's name or CPU model, in any case. */
  text: string;
  show: HostShow;
}

export function filterHostRows(rows: readonly HostRow[], filter: HostFilter): HostRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.show === "hot" && !row.hot) return false;
    if (filter.show === "unreachable" && row.reachable) return false;
    if (filter.show === "maintenance" && !row.maintenance) return false;
    const haystack = `${row.name} ${row.cpuModel ?? ""}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
