import Link from "next/link";
import type { DomainLocation } from "@/lib/dashboard/locate-domain";
import { domainHref, hostHref } from "./hrefs";

const link = "font-semibold text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-700";

/**
 * What the page says when the domain is not (or no longer) on the host it names. It is a live
 * region: someone watching a migration hears "now on h2" the moment the source lets the domain go.
 */
export function DomainElsewhere({
  name,
  host,
  location,
}: {
  name: string;
  host: string;
  location: Exclude<DomainLocation, { kind: "here" }>;
}) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{name}</h1>
      <div role="status" className="rounded border border-slate-200 bg-white p-4 text-slate-800">
        <Message name={name} host={host} location={location} />
      </div>
    </div>
  );
}

function Message({ name, host, location }: Parameters<typeof DomainElsewhere>[0]) {
  switch (location.kind) {
    case "moved": {
      const { migration } = location;
      // Without a migration record the page cannot tell "left" from "never was": say only what is known.
      return (
        <p>
          {migration
            ? `${name} left ${host}: ${migration.kind} migration ${migration.phase}`
            : `${name} is not on ${host}`}
          {migration?.downtimeMs != null ? `, downtime ${Math.round(migration.downtimeMs)} ms` : ""}. Now on{" "}
          <Link href={domainHref(location.name, location.to)} className={link}>
            {location.to}
          </Link>
          {location.name !== name ? ` as ${location.name}` : ""}.
        </p>
      );
    }
    case "unreachable":
      return (
        <p>
          The agent of{" "}
          <Link href={hostHref(location.host)} className={link}>
            {location.host}
          </Link>{" "}
          cannot be reached{location.error ? ` (${location.error})` : ""}, so {name} cannot be shown. This
          page updates when it answers again.
        </p>
      );
    case "missing":
      return (
        <p>
          {name} is no longer on {host} and no reachable host has it.{" "}
          <Link href="/domains" className={link}>
            See all domains
          </Link>
          .
        </p>
      );
  }
}
