"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { type DomainQuery, domainQueryString, parseDomainQuery } from "@/lib/dashboard/domain-filters";

/**
 * The domains list's filters and sort live in the URL, so a view can be shared as a link. Writes go
 * through history.replaceState, which Next's router picks up for useSearchParams without asking the
 * server again: typing in the search box must not re-render the page on the server per keystroke.
 */
export function useDomainQuery(): [DomainQuery, (patch: Partial<DomainQuery>) => void] {
  const params = useSearchParams();
  const query = useMemo(() => parseDomainQuery(params), [params]);
  const update = useCallback((patch: Partial<DomainQuery>) => {
    // Read the address bar, not the render's query: two quick keystrokes must not undo each other.
    const current = parseDomainQuery(new URLSearchParams(window.location.search));
    const search = domainQueryString({ ...current, ...patch });
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);
  return [query, update];
}
