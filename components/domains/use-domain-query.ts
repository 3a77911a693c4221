"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { type DomainQuery, domainQueryString, parseDomainQuery } from "@/lib/dashboard/domain-filters";

/**
 * The domains list's filters, sort and page live in the URL, so a view can be shared as a link. Writes
 * go through history.replaceState, which Next's router picks up for useSearchParams without rendering
 * the page on the server again; the live query then asks /api/cluster/domains for the new rows alone.
 */
export function useDomainQuery(): [DomainQuery, (patch: Partial<DomainQuery>) => void] {
  const params = useSearchParams();
  const query = useMemo(() => parseDomainQuery(params), [params]);
  const update = useCallback((patch: Partial<DomainQuery>) => {
    // Read the address bar, not the render's query: two quick keystrokes must not undo each other.
    const current = parseDomainQuery(new URLSearchParams(window.location.search));
    // Another filter or sort starts again at the first page.
    const search = domainQueryString({ ...current, page: 1, ...patch });
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);
  return [query, update];
}
