import { type DomainState, domainStateSchema } from "../schemas/domain";
import type { DomainRow } from "./domain-rows";

/**
 * The domains list's filters, sort and page as a pure function of the rows and the URL query
 * (`?q=&host=&state=&sort=&dir=&page=`), so a filtered, sorted view can be shared as a link and
 * tested without a browser.
 */

export const SORT_KEYS = ["name", "host", "memory", "util"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

export interface DomainQuery {
  q: string;
  host: string;
  state: DomainState | "";
  sort: SortKey;
  dir: SortDirection;
  /** 1-based; a page past the end shows the last one. */
  page: number;
}

export const DEFAULT_DOMAIN_QUERY: DomainQuery = {
  q: "",
  host: "",
  state: "",
  sort: "name",
  dir: "asc",
  page: 1,
};

/** Reads the query leniently: an unknown state or sort key in a pasted link falls back to the default. */
export function parseDomainQuery(params: { get(name: string): string | null }): DomainQuery {
  const state = domainStateSchema.safeParse(params.get("state"));
  const sort = SORT_KEYS.find((key) => key === params.get("sort"));
  return {
    q: params.get("q")?.trim() ?? "",
    host: params.get("host") ?? "",
    state: state.success ? state.data : "",
    sort: sort ?? DEFAULT_DOMAIN_QUERY.sort,
    dir: params.get("dir") === "desc" ? "desc" : "asc",
    page: parsePage(params.get("page")),
  };
}

function parsePage(text: string | null): number {
  const page = Number(text);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** The query string without its defaults, so the plain list stays `/domains`. */
export function domainQueryString(query: DomainQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.host) params.set("host", query.host);
  if (query.state) params.set("state", query.state);
  if (query.sort !== DEFAULT_DOMAIN_QUERY.sort || query.dir !== DEFAULT_DOMAIN_QUERY.dir) {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  if (query.page > 1) params.set("page", String(query.page));
  return params.toString();
}

export function isFiltered(query: DomainQuery): boolean {
  return query.q !== "" || query.host !== "" || query.state !== "";
}

export function filterDomains(rows: DomainRow[], query: DomainQuery): DomainRow[] {
  const needle = query.q.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (needle === "" || row.name.toLowerCase().includes(needle)) &&
      (query.host === "" || row.host === query.host) &&
      (query.state === "" || row.state === query.state),
  );
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

const COMPARE: Record<SortKey, (a: DomainRow, b: DomainRow) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  host: (a, b) => collator.compare(a.host, b.host),
  memory: (a, b) => a.memoryMiB - b.memoryMiB,
  util: (a, b) => a.utilization - b.utilization,
};

/**
 * Sorts by the chosen column, then by name and host in ascending order whatever the direction, so
 * rows with equal values keep still while the live data refreshes.
 */
export function sortDomains(rows: DomainRow[], sort: SortKey, dir: SortDirection): DomainRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => sign * COMPARE[sort](a, b) || COMPARE.name(a, b) || COMPARE.host(a, b));
}

/**
 * The direction a click on a column header asks for: the other one on the current column; on a new
 * column, largest first for numbers (the busy domains are what admins look for) and A-Z for names.
 */
export function nextSort(query: DomainQuery, key: SortKey): Pick<DomainQuery, "sort" | "dir"> {
  if (query.sort === key) return { sort: key, dir: query.dir === "asc" ? "desc" : "asc" };
  return { sort: key, dir: key === "memory" || key === "util" ? "desc" : "asc" };
}

/** The filters and the sort in one step, as the table applies them. */
export function visibleDomains(rows: DomainRow[], query: DomainQuery): DomainRow[] {
  return sortDomains(filterDomains(rows, query), query.sort, query.dir);
}
