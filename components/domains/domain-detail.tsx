"use client";

import { Can } from "@/components/auth/role-context";
import { useDomainDetail } from "@/components/cluster/live-queries";
import { MigrateButton } from "@/components/migrate/migrate-button";
import type { DomainDetailView, DomainHere } from "@/lib/dashboard/domain-detail-view";
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
  initial: DomainDetailView;
  name: string;
  host: string;
}) {
  const { data, error } = useDomainDetail(name, host, initial);
  const { location } = data;
  return (
    <div className="space-y-6">
      <DomainBreadcrumb name={name} />
      <LiveNotice error={error} takenAt={data.takenAt} />
      {location.kind === "here" ? (
        <DomainView here={location} />
      ) : (
        <DomainElsewhere name={name} host={host} location={location} />
      )}
    </div>
  );
}

function DomainView({ here }: { here: DomainHere }) {
  const { domain, migration, failed } = here;
  // A target copy is not the domain yet, and a migrating one is busy: the agent would refuse both.
  const canMigrate = domain.migration === null && migration === null;
  return (
    <article aria-labelledby="domain-name" className="space-y-6">
      <DomainHeader
        domain={domain}
        host={here.host}
        actions={
          canMigrate && (
            <Can permission="migrate">
              <MigrateButton domain={domain.name} source={here.host} hosts={here.hosts} />
            </Can>
          )
        }
      />
      <FlagsLegend />
      {migration && <DomainMigration migration={migration} host={here.host} />}
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
          <DomainDevices domain={domain} host={here.hostInfo} />
        </div>
      </section>
    </article>
  );
}
