import type { Domain } from "../schemas/domain";
import type { Host } from "../schemas/host";
import type { MigrationStatus } from "../schemas/migration";
import { migrationMark } from "./describe-flags";
import { type DomainLocation, domainMigration, lastFailedMigration, locateDomain } from "./locate-domain";
import type { ClusterSnapshot } from "./snapshot";

/**
 * The domain page's data, worked out on the server from the whole snapshot: the domain, the one
 * host it is on, its migration and the hosts it could go to; or where it went. The page polls this,
 * not the cluster's every domain.
 */

export interface DomainHere {
  kind: "here";
  host: string;
  /** The host's resources (its volume table names the disks' storage); null when not reported. */
  hostInfo: Host | null;
  domain: Domain;
  /** The migration under way that this copy is part of. */
  migration: MigrationStatus | null;
  /** The newest failed migration, when the flags say the last one failed. */
  failed: MigrationStatus | null;
  /** Every registered host, for the migrate dialog's target list. */
  hosts: { name: string; reachable: boolean }[];
}

export type DomainElsewhereLocation = Exclude<DomainLocation, { kind: "here" }>;

export interface DomainDetailView {
  takenAt: string;
  location: DomainHere | DomainElsewhereLocation;
}

export function domainDetailView(snapshot: ClusterSnapshot, name: string, host?: string): DomainDetailView {
  const location = locateDomain(snapshot, name, host);
  if (location.kind !== "here") return { takenAt: snapshot.takenAt, location };
  const { view, domain } = location;
  return {
    takenAt: snapshot.takenAt,
    location: {
      kind: "here",
      host: view.name,
      hostInfo: view.host,
      domain,
      migration: domainMigration(snapshot, view.name, domain),
      failed:
        migrationMark(domain.flags) === "error"
          ? lastFailedMigration(snapshot, view.name, domain.name)
          : null,
      hosts: snapshot.hosts.map((h) => ({ name: h.name, reachable: h.reachable })),
    },
  };
}
