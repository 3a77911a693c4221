import type { Disk, Network, Workload } from "../../../lib/schemas/domain";
import type { MigrationKind } from "../../../lib/schemas/migration";

/**
 * A domain as the QEMU driver keeps it on disk: its definition, and what a migration or an agent
 * restart needs to know about it. Whether it runs is never stored: its QEMU process says so.
 */
export interface QemuDomain {
  name: string;
  vcpus: number;
  memoryMiB: number;
  cpuArch: "native" | "generic";
  networks: Network[];
  disks: Disk[];
  /** What the guest image's workload is told to do (the kernel command line). */
  workload: { dirtyRateMiBps: number; wwsMiB: number };
  /** The console port it holds while it holds resources (a QEMU process exists). */
  consolePort: number | null;
  /** When the guest booted (epoch ms): a live or warm migration carries it over, a reboot does not. */
  bootedAt: number | null;
  /** Paused by a migration (warm), so a rollback knows to run it again; survives a restart. */
  pausedByMigration: boolean;
  /** The migration building this copy on a target; null once it is a domain in its own right. */
  incoming: IncomingCopy | null;
}

export interface IncomingCopy {
  migrationId: string;
  kind: MigrationKind;
  /** How it comes up at hand-off: as it was on the source. */
  arrivesAs: "active" | "suspended" | "inactive";
}

/** The domain's workload in the API's terms; `cpuUsed` is what its QEMU process was measured using. */
export function workloadView(domain: QemuDomain, cpuUsed: number): Workload {
  return {
    cpuUsed,
    dirtyRateMiBps: domain.workload.dirtyRateMiBps,
    wwsMiB: domain.workload.wwsMiB,
    // The guest image rewrites its working set in order, page after page.
    pattern: "sweep",
  };
}
