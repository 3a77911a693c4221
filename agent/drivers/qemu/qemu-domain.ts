import type { Disk, Network, Workload } from "../../../lib/schemas/domain";
import type { MigrationKind } from "../../../lib/schemas/migration";
import type { IncomingMigration } from "../driver";

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

/** The copy a target builds for an incoming migration, from the definition the source sent. */
export function incomingCopy(migration: IncomingMigration): QemuDomain {
  const { spec } = migration;
  return {
    name: migration.name,
    vcpus: spec.vcpus,
    memoryMiB: spec.memoryBlocks.reduce((sum, block) => sum + block.sizeMiB, 0),
    cpuArch: spec.cpuArch,
    networks: spec.networks,
    disks: spec.disks,
    workload: { dirtyRateMiBps: spec.workload.dirtyRateMiBps, wwsMiB: spec.workload.wwsMiB },
    consolePort: null,
    // A live or warm migration does not reboot the guest: its uptime carries on.
    bootedAt: spec.uptimeSeconds === null ? null : Date.now() - spec.uptimeSeconds * 1000,
    pausedByMigration: false,
    incoming: {
      migrationId: migration.migrationId,
      kind: migration.kind,
      arrivesAs: migration.kind === "cold" ? "inactive" : spec.state === "suspended" ? "suspended" : "active",
    },
  };
}
