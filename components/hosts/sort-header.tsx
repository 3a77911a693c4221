import type { HostSort, HostSortKey } from "@/lib/dashboard/host-rows";

/**
 * A column header that sorts the table: a real button (focusable, Enter and Space work) inside the
 * <th>, and aria-sort on the sorted column only, as the ARIA sortable-table pattern asks.
 */
export function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  numeric,
}: {
  label: string;
  sortKey: HostSortKey;
  sort: HostSort;
  onSort: (key: HostSortKey) => void;
  numeric?: boolean;
}) {
  const active = sort.key === sortKey;
  // The arrow is for the eye; aria-sort tells assistive technology the same thing.
  const arrow = active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕";
  return (
    <th
      scope="col"
      aria-sort={active ? sort.direction : undefined}
      className={`px-2 py-2 align-bottom font-medium ${numeric ? "text-right" : "text-left"}`}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className={`inline-flex items-baseline gap-1 rounded px-1 ${numeric ? "text-right" : "text-left"} hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-700 ${
          active ? "text-slate-900" : "text-slate-700"
        }`}
      >
        {label}
        <span aria-hidden="true" className={active ? "text-sky-800" : "text-slate-400"}>
          {arrow}
        </span>
      </button>
    </th>
  );
}
