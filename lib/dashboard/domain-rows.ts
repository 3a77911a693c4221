import type { DomainState } from "../schemas/domain";
import type { ClusterDomains } from "./snapshot";
import { allMigrations } from "./summary";

/**
 * The domains list's rows: the columns of `ldm list` and where the copy's migration stands, and
 * nothing else of a domain (no memory blocks, devices or workload), so a page of them is small
 * enough to poll.
 */

export interface RowMigration {
  phase: string;
  /** Null when only the domain's own mark is known (the cluster's view of the migration is not). */
  progress: number | null;
  /** "to h2" on the source's row, "from h1" on the target's copy; null as progress. */
  peer: string | null;
}

export interface DomainRow {
  host: string;
  name: string;
  state: DomainState;
  flags: string;
  consolePort: number | null;
  vcpus: number;
  memoryMiB: number;
  utilization: number;
  uptimeSeconds: number | null;
  /** Null when this copy is not migrating. */
  migration: RowMigration | null;
}

/**
 * Every domain of every reachable host. Both copies of a migrating domain are kept, as `ldm list` shows
 * them on each host: the source's with flag `s`, the target's (bound) with flag `t`; both carry the
 * source's view of the migration, so the pair reads the same progress.
 */
export function domainRows(snapshot: ClusterDomains): DomainRow[] {
  const migrations = new Map(allMigrations(snapshot).map((m) => [m.id, m]));
  return snapshot.hosts
    .filter((view) => view.reachable)
    .flatMap((view) =>
      view.domains.map((domain): DomainRow => {
        const own = domain.migration;
        const known = own ? migrations.get(own.id) : undefined;
        const peer = known && (known.source === view.name ? `to ${known.target}` : `from ${known.source}`);
        return {
          host: view.name,
          name: domain.name,
          state: domain.state,
          flags: domain.flags,
          consolePort: domain.consolePort,
          vcpus: domain.vcpus,
          memoryMiB: domain.memoryMiB,
          utilization: domain.utilization,
          uptimeSeconds: domain.uptimeSeconds,
          migration: !own
            ? null
            : known && peer
              ? { phase: known.phase, progress: known.progress, peer }
              : { phase: own.phase, progress: null, peer: null },
        };
      }),
    );
}
