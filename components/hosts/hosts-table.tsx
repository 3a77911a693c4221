"use client";

import { useId, useState } from "react";
import { useHosts } from "@/components/cluster/live-queries";
import {
  DEFAULT_HOST_SORT,
  filterHostRows,
  type HostFilter,
  type HostSort,
  type HostSortKey,
  nextHostSort,
  sortHostRows,
} from "@/lib/dashboard/host-rows";
import type { HostsView } from "@/lib/dashboard/views";
import { HostFilters } from "./host-filters";
import { HostTableRow } from "./host-table-row";
import { LiveNotice } from "./live-notice";
import { NoAgents } from "./no-agents";
import { ScrollRegion } from "./scroll-region";
import { SortHeader } from "./sort-header";

const COLUMNS: { key: HostSortKey; label: string; numeric?: boolean }[] = [
  { key: "name", label: "Host" },
  { key: "state", label: "State" },
  { key: "cpu", label: "CPU" },
  { key: "strandsFree", label: "Strands free", numeric: true },
  { key: "cpuUse", label: "CPU use (strands)" },
  { key: "memoryFree", label: "Memory free / total", numeric: true },
  { key: "largestBlock", label: "Largest free block", numeric: true },
  { key: "consolePorts", label: "Console ports free", numeric: true },
  { key: "domains", label: "Domains active / total", numeric: true },
];

/** Every registered host with its free resources, sortable and filterable, kept live. */
export function HostsTable({ initial }: { initial: HostsView }) {
  const { data, error } = useHosts(initial);
  const [sort, setSort] = useState<HostSort>(DEFAULT_HOST_SORT);
  const [filter, setFilter] = useState<HostFilter>({ text: "", show: "all" });
  const captionId = useId();

  const all = data.rows;
  if (all.length === 0) return <NoAgents />;
  const rows = sortHostRows(filterHostRows(all, filter), sort);
  const sortedBy = COLUMNS.find((column) => column.key === sort.key)?.label ?? sort.key;

  return (
    <div className="space-y-4">
      <LiveNotice error={error} takenAt={data.takenAt} />
      <HostFilters filter={filter} onChange={setFilter} shown={rows.length} total={all.length} />
      <ScrollRegion
        labelledBy={captionId}
        className="overflow-x-auto rounded border border-slate-200 bg-white"
      >
        <table className="min-w-full text-sm">
          <caption id={captionId} className="sr-only">
            Hosts, sorted by {sortedBy}, {sort.direction}. Column headers are buttons that sort.
          </caption>
          <thead className="bg-slate-100">
            <tr>
              {COLUMNS.map((column) => (
                <SortHeader
                  key={column.key}
                  label={column.label}
                  sortKey={column.key}
                  sort={sort}
                  onSort={(key) => setSort((current) => nextHostSort(current, key))}
                  numeric={column.numeric}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <HostTableRow key={row.name} row={row} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <p className="px-3 py-6 text-center text-sm text-slate-600">
            No host matches this filter.{" "}
            <button
              type="button"
              onClick={() => setFilter({ text: "", show: "all" })}
              className="text-sky-800 underline focus-visible:outline-2"
            >
              Show all hosts
            </button>
          </p>
        )}
      </ScrollRegion>
    </div>
  );
}
