import type { SnapshotDomain, SnapshotHost } from "../planner/snapshot-schema";
import type { MigrationKind } from "../schemas/migration";
import type { DomainFacts, HostFacts } from "./facts";

/**
 * Pre-check facts from a planner snapshot (CONTRACTS.md section 2), as from-inventory.ts builds
 * them from what agents report. The snapshot gives a host's totals; what is free at a point of a
 * plan is the planner's to say, so it comes in as `free`. Facts a snapshot cannot express (subnet,
 * NICs, MACs, reachability, delayed reconfiguration, busy) stay undefined and their checks are
 * left out. Domain names are unique in a snapshot, so NAME_TAKEN cannot arise and is left out too.
 */

export interface FreeResources {
  /** Strands still allowed within cpuOvercommit (negative when the host is already over). */
  strands: number;
  memoryMiB: number;
  /** Free ranges, when the snapshot gives the host's layout. */
  memoryBlocksMiB?: number[];
  consolePorts: number;
}

export function snapshotHostFacts(host: SnapshotHost, free: FreeResources): HostFacts {
  return {
    name: host.name,
    hypervisor: host.hypervisor,
    cpu: { model: host.cpu.model, mhz: host.cpu.mhz, freeStrands: free.strands },
    memory: { freeMiB: free.memoryMiB, freeBlocksMiB: free.memoryBlocksMiB },
    switches: host.switches,
    volumes: host.volumes,
    freeConsolePorts: free.consolePorts,
  };
}

export function snapshotDomainFacts(domain: SnapshotDomain): DomainFacts {
  return {
    name: domain.name,
    state: domain.state,
    vcpus: domain.vcpus,
    memoryMiB: domain.memoryMiB,
    memoryBlocks: domain.memoryBlocksMiB?.map((sizeMiB) => ({ sizeMiB })),
    cpuArch: domain.cpuArch,
    switches: domain.switches,
    volumes: domain.volumes,
    directIO: domain.directIO ? ["directIO in the snapshot"] : [],
    cryptoUnits: domain.cryptoUnits,
  };
}

/** The kind `auto` resolves to: live for a running domain, cold for one that is bound or inactive. */
export function snapshotMoveKind(domain: SnapshotDomain): Extract<MigrationKind, "live" | "cold"> {
  return domain.state === "active" ? "live" : "cold";
}
