"use client";

import { useCluster } from "@/components/cluster/use-cluster";
import { MigrateButton } from "@/components/migrate/migrate-button";
import { migrationMark } from "@/lib/dashboard/describe-flags";
import { domainMigration, lastFailedMigration, locateDomain } from "@/lib/dashboard/locate-domain";
import type { ClusterSnapshot, HostView } from "@/lib/dashboard/snapshot";
import type { Domain } from "@/lib/schemas/domain";
import { DomainDevices } from "./domain-devices";
import { DomainElsewhere } from "./domain-elsewhere";
import { FlagsLegend } from "./domain-flags";
import { DomainBreadcrumb, DomainHeader } from "./domain-header";
import { DomainMigration } from "./domain-migration";
import { DomainResources } from "./domain-resources";
import { LiveNotice } from "./live-notice";

/**
 * One domain on one host, kept live. The host is fixed when the page opens, so the view follows the
 * domain: when a migration takes it away, the page says where it went instead of going blank.
 */
export function DomainDetail({
  initial,
  name,
  host,
}: {
  initial: ClusterSnapshot;
  name: string;
  host: string;
}) {
  const { data: snapshot, error } = useCluster(initial);
  const location = locateDomain(snapshot, name, host);
  return (
    <div className="space-y-6">
      <DomainBreadcrumb name={name} />
      <LiveNotice error={error} takenAt={snapshot.takenAt} />
      {location.kind === "here" ? (
        <DomainView snapshot={snapshot} view={location.view} domain={location.domain} />
      ) : (
        <DomainElsewhere name={name} host={host} location={location} />
      )}
    </div>
  );
}

function DomainView({
  snapshot,
  view,
  domain,
}: {
  snapshot: ClusterSnapshot;
  view: HostView;
  domain: Domain;
}) {
  const migration = domainMigration(snapshot, view.name, domain);
  // A target copy is not the domain yet, and a migrating one is busy: the agent would refuse both.
  const canMigrate = domain.migration === null && migration === null;
  const failed =
    migrationMark(domain.flags) === "error" ? lastFailedMigration(snapshot, view.name, domain.name) : null;
  const hosts = snapshot.hosts.map(({ name, reachable }) => ({ name, reachable }));
  return (
    <article aria-labelledby="domain-name" className="space-y-6">
      <DomainHeader
        domain={domain}
        host={view.name}
        actions={canMigrate && <MigrateButton domain={domain.name} source={view.name} hosts={hosts} />}
      />
      <FlagsLegend />
      {migration && <DomainMigration migration={migration} host={view.name} />}
      {failed && (
        <p className="rounded border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900">
          The last migration ({failed.source} to {failed.target}) failed
          {failed.error ? `: ${failed.error}` : ""}.
        </p>
      )}
      <section aria-labelledby="configuration-heading" className="space-y-3">
        <h2 id="configuration-heading" className="text-lg font-semibold">
          Configuration
        </h2>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 2xl:grid-cols-3">
          <DomainResources domain={domain} />
          <DomainDevices domain={domain} host={view.host} />
        </div>
      </section>
    </article>
  );
}
