"use client";

import Link from "next/link";
import { useCluster } from "@/components/cluster/use-cluster";
import { domainRows, nextSort, visibleDomains } from "@/lib/dashboard/domain-filters";
import type { ClusterSnapshot } from "@/lib/dashboard/snapshot";
import { DomainFilterBar } from "./domain-filter-bar";
import { FlagsLegend } from "./domain-flags";
import { DomainRow } from "./domain-row";
import { LiveNotice } from "./live-notice";
import { SortHeader } from "./sort-header";
import { useDomainQuery } from "./use-domain-query";

const plain = "whitespace-nowrap px-3 py-2 font-medium";

/** Every domain of every reachable host in one live table, filtered and sorted as the URL says. */
export function DomainsTable({ initial }: { initial: ClusterSnapshot }) {
  const { data: snapshot, error } = useCluster(initial);
  const [query, setQuery] = useDomainQuery();
  const rows = domainRows(snapshot);
  const visible = visibleDomains(rows, query);
  const hosts = snapshot.hosts.map(({ name, reachable }) => ({ name, reachable }));
  const unreachable = snapshot.hosts.filter((host) => !host.reachable);
  const sortProps = { query, onSort: (key: typeof query.sort) => setQuery(nextSort(query, key)) };

  if (snapshot.hosts.length === 0) {
    return (
      <p className="text-slate-700">
        No agent is registered yet. Add one under{" "}
        <Link className="text-sky-800 underline" href="/settings">
          Settings
        </Link>
        .
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <LiveNotice error={error} takenAt={snapshot.takenAt} />
      <DomainFilterBar query={query} hosts={hosts} onChange={setQuery} />
      {unreachable.length > 0 && (
        <p className="rounded border border-amber-400 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          Not listed, their agents cannot be reached: {unreachable.map((host) => host.name).join(", ")}.
        </p>
      )}
      <p aria-live="polite" className="text-sm text-slate-600">
        {visible.length === rows.length
          ? `${rows.length} domain${rows.length === 1 ? "" : "s"}`
          : `${visible.length} of ${rows.length} domains`}
      </p>
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-6 text-slate-700">
          No domain on any reachable host.
        </p>
      ) : visible.length === 0 ? (
        <div className="space-y-3 rounded border border-slate-200 bg-white p-6 text-slate-700">
          <p>No domain matches these filters.</p>
          <button
            type="button"
            onClick={() => setQuery({ q: "", host: "", state: "" })}
            className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-700"
          >
            Show all {rows.length} domains
          </button>
        </div>
      ) : (
        <section
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
          aria-label="Domains table"
          className="overflow-x-auto rounded border border-slate-200 bg-white focus-visible:outline-2"
        >
          <table className="min-w-full text-sm">
            <caption className="sr-only">
              Domains of every reachable host, sorted by {query.sort} (
              {query.dir === "asc" ? "ascending" : "descending"})
            </caption>
            <thead className="bg-slate-100">
              <tr>
                <SortHeader label="NAME" sortKey="name" {...sortProps} />
                <SortHeader label="HOST" sortKey="host" {...sortProps} />
                <th scope="col" className={`${plain} text-left`}>
                  STATE
                </th>
                <th scope="col" aria-describedby="flags-legend" className={`${plain} text-left`}>
                  FLAGS
                </th>
                <th scope="col" className={`${plain} text-right`}>
                  <abbr title="Console port">CONS</abbr>
                </th>
                <th scope="col" className={`${plain} text-right`}>
                  VCPU
                </th>
                <SortHeader label="MEMORY" sortKey="memory" numeric {...sortProps} />
                <SortHeader label="UTIL" sortKey="util" numeric {...sortProps} />
                <th scope="col" className={`${plain} text-right`}>
                  UPTIME
                </th>
                <th scope="col" className={`${plain} text-left`}>
                  MIGRATION
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <DomainRow key={`${row.host}/${row.domain.name}`} row={row} />
              ))}
            </tbody>
          </table>
        </section>
      )}
      <FlagsLegend id="flags-legend" />
    </div>
  );
}
