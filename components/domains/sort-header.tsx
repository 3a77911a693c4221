import type { DomainQuery, SortKey } from "@/lib/dashboard/domain-filters";

/**
 * A column header that sorts: a real button in the <th> (focusable, Enter and Space work), and
 * aria-sort on the sorted column only, as the ARIA sortable-table pattern asks.
 */
export function SortHeader({
  label,
  sortKey,
  query,
  onSort,
  numeric,
}: {
  label: string;
  sortKey: SortKey;
  query: DomainQuery;
  onSort: (key: SortKey) => void;
  numeric?: boolean;
}) {
  const active = query.sort === sortKey;
  // The arrow is for the eye; aria-sort says the same to assistive technology.
  const arrow = active ? (query.dir === "asc" ? "▲" : "▼") : "↕";
  return (
    <th
      scope="col"
      aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
      className={`whitespace-nowrap px-3 py-2 font-medium ${numeric ? "text-right" : "text-left"}`}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className="inline-flex items-center gap-1 rounded px-1 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-700"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-sky-800" : "text-slate-400"}>
          {arrow}
        </span>
      </button>
    </th>
  );
}
