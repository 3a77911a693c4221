"use client";

import Link from "next/link";
import { useRef } from "react";
import { useDomainPage } from "@/components/cluster/live-queries";
import { type DomainQuery, nextSort } from "@/lib/dashboard/domain-filters";
import type { DomainPage } from "@/lib/dashboard/domain-list";
import { DomainFilterBar } from "./domain-filter-bar";
import { FlagsLegend } from "./domain-flags";
import { DomainPager } from "./domain-pager";
import { DomainRow } from "./domain-row";
import { LiveNotice } from "./live-notice";
import { SortHeader } from "./sort-header";
import { useDomainQuery } from "./use-domain-query";

const plain = "whitespace-nowrap px-3 py-2 font-medium";

/**
 * Every domain of every reachable host in one live table, filtered, sorted and paged as the URL says.
 * The server filters and sorts all of them and sends the page shown.
 */
export function DomainsTable({ initial }: { initial: { query: DomainQuery; page: DomainPage } }) {
  const [query, setQuery] = useDomainQuery();
  const { data, error, stale } = useDomainPage(query, initial);
  const table = useRef<HTMLElement>(null);
  const sortProps = { query, onSort: (key: typeof query.sort) => setQuery(nextSort(query, key)) };
  const unreachable = data.hosts.filter((host) => !host.reachable);

  if (data.hosts.length === 0) {
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
      <LiveNotice error={error} takenAt={data.takenAt} />
      <DomainFilterBar query={query} hosts={data.hosts} onChange={setQuery} />
      {unreachable.length > 0 && (
        <p className="rounded border border-amber-400 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          Not listed, their agents cannot be reached: {unreachable.map((host) => host.name).join(", ")}.
        </p>
      )}
      <p aria-live="polite" className="text-sm text-slate-600">
        {countText(data)}
      </p>
      {data.total === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-6 text-slate-700">
          No domain on any reachable host.
        </p>
      ) : data.matching === 0 ? (
        <div className="space-y-3 rounded border border-slate-200 bg-white p-6 text-slate-700">
          <p>No domain matches these filters.</p>
          <button
            type="button"
            onClick={() => setQuery({ q: "", host: "", state: "" })}
            className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-700"
          >
            Show all {data.total} domains
          </button>
        </div>
      ) : (
        <section
          ref={table}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
          aria-label="Domains table"
          aria-busy={stale}
          className={`overflow-x-auto rounded border border-slate-200 bg-white focus-visible:outline-2 ${stale ? "opacity-70" : ""}`}
        >
          <table className="min-w-full text-sm">
            <caption className="sr-only">
              Domains of every reachable host, sorted by {query.sort} (
              {query.dir === "asc" ? "ascending" : "descending"}), page {data.page} of {data.pages}
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
              {data.rows.map((row) => (
                <DomainRow key={`${row.host}/${row.name}`} row={row} />
              ))}
            </tbody>
          </table>
        </section>
      )}
      <DomainPager
        page={data.page}
        pages={data.pages}
        onPage={(page) => {
          setQuery({ page });
          table.current?.scrollIntoView({ block: "start" });
        }}
      />
      <FlagsLegend id="flags-legend" />
    </div>
  );
}

/** "45 domains", "3 of 45 domains", and which of them this page shows when there are several pages. */
function countText(data: DomainPage): string {
  const count =
    data.matching === data.total
      ? `${data.total} domain${data.total === 1 ? "" : "s"}`
      : `${data.matching} of ${data.total} domains`;
  if (data.pages <= 1) return count;
  return `${count}; ${data.first + 1}–${data.first + data.rows.length} shown`;
}
