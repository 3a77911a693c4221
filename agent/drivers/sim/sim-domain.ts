import type { Disk, DomainState, Network, Workload } from "../../../lib/schemas/domain";

/** A domain as the simulated hypervisor keeps it (and persists it, one file per domain). */
export interface SimDomain {
  name: string;
  state: DomainState;
  vcpus: number;
  memoryBlocks: { realAddress: number; physicalAddress: number | null; sizeMiB: number }[];
  cpuArch: "native" | "generic";
  strands: number[];
  networks: Network[];
  disks: Disk[];
  directIO: string[];
  cryptoUnits: number;
  delayedReconfig: boolean;
  consolePort: number | null;
  workload: Workload;
  /** When it last started running (epoch ms), for its uptime. */
  startedAt: number | null;
  /** Paused by a migration (so a failed one knows to resume it). */
  pausedByMigration: boolean;
  /** The migration building this copy on a target; null once it is a domain in its own right. */
  incoming: string | null;
  /** How an arriving copy comes up at hand-off: suspended if it was suspended on the source. */
  arrivesAs?: { state: "active" | "suspended"; startedAt: number | null };
}

export function holdsResources(domain: SimDomain): boolean {
  return domain.state !== "inactive";
}

export function memoryMiB(domain: SimDomain): number {
  return domain.memoryBlocks.reduce((sum, block) => sum + block.sizeMiB, 0);
}
