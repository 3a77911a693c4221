import { type DomainQuery, visibleDomains } from "./domain-filters";
import { type DomainRow, domainRows } from "./domain-rows";
import type { ClusterDomains } from "./snapshot";

/**
 * What the domains list gets, server-rendered and on each poll: one page of the filtered, sorted
 * rows and the counts around it. The filters and the sort run over every domain on the server, so a
 * 4,000-domain cluster sends and renders a hundred rows, not four thousand.
 */

export const DOMAIN_PAGE_SIZE = 100;

export interface DomainPage {
  takenAt: string;
  /** Domains on reachable hosts, before the filters. */
  total: number;
  /** Domains the filters let through. */
  matching: number;
  /** The page shown (1-based): the one asked for, or the last one when it asked past the end. */
  page: number;
  /** At least 1, so "page 1 of 1" holds for an empty list too. */
  pages: number;
  /** Position of the first row shown among the matching ones (0-based). */
  first: number;
  rows: DomainRow[];
  /** Every registered host, for the host filter. */
  hosts: { name: string; reachable: boolean }[];
}

export interface Paged<T> {
  rows: T[];
  page: number;
  pages: number;
  first: number;
}

export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): Paged<T> {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const shown = Math.min(Math.max(1, Math.floor(page)), pages);
  const first = (shown - 1) * pageSize;
  return { rows: rows.slice(first, first + pageSize), page: shown, pages, first };
}

// One snapshot serves many polls (see live-cluster.ts): its rows are built once.
const rowsOf = new WeakMap<ClusterDomains, DomainRow[]>();

function cachedRows(snapshot: ClusterDomains): DomainRow[] {
  let rows = rowsOf.get(snapshot);
  if (!rows) {
    rows = domainRows(snapshot);
    rowsOf.set(snapshot, rows);
  }
  return rows;
}

export function domainPage(
  snapshot: ClusterDomains,
  query: DomainQuery,
  pageSize = DOMAIN_PAGE_SIZE,
): DomainPage {
  const all = cachedRows(snapshot);
  const matching = visibleDomains(all, query);
  return {
    takenAt: snapshot.takenAt,
    total: all.length,
    matching: matching.length,
    ...pageOf(matching, query.page, pageSize),
    hosts: snapshot.hosts.map(({ name, reachable }) => ({ name, reachable })),
  };
}
