"use client";

import { keepPreviousData, type QueryKey, useQuery } from "@tanstack/react-query";
import type { DomainDetailView } from "@/lib/dashboard/domain-detail-view";
import { type DomainQuery, domainQueryString } from "@/lib/dashboard/domain-filters";
import type { DomainPage } from "@/lib/dashboard/domain-list";
import type { HostView } from "@/lib/dashboard/snapshot";
import type { HostsView, MigrationsView, OverviewView } from "@/lib/dashboard/views";
import { queryKeys } from "@/lib/query-keys";

/**
 * The live views of the cluster, each starting from what the server rendered and polled from its own
 * route under /api/cluster/, which sends only what the view shows.
 */

/** How often the browser asks: well inside the one second a change may take to show. */
export const LIVE_INTERVAL_MS = 500;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`the dashboard answered ${response.status}`);
  return response.json();
}

function useLive<T extends object>(queryKey: QueryKey, url: string, initial: T) {
  return useQuery<T>({
    queryKey,
    queryFn: () => fetchJson<T>(url),
    initialData: initial,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useOverview(initial: OverviewView) {
  return useLive(queryKeys.overview, "/api/cluster/overview", initial);
}

export function useActiveMigrations(initial: MigrationsView) {
  return useLive(queryKeys.migrations, "/api/cluster/migrations", initial);
}

export function useHosts(initial: HostsView) {
  return useLive(queryKeys.hosts, "/api/cluster/hosts", initial);
}

export type HostDetailData = { takenAt: string; view: HostView | null };

export function useHost(name: string, initial: HostDetailData) {
  return useLive(queryKeys.host(name), `/api/cluster/host?${new URLSearchParams({ name })}`, initial);
}

export function useDomainDetail(name: string, host: string, initial: DomainDetailView) {
  const search = new URLSearchParams({ name, host });
  return useLive(queryKeys.domain(name, host), `/api/cluster/domain?${search}`, initial);
}

/**
 * One page of the domains list for the query in the URL. A new query (typing, a filter, the next
 * page) keeps the previous page on screen until its own arrives; the server-rendered page is the
 * data of the query it was rendered for.
 */
export function useDomainPage(query: DomainQuery, initial: { query: DomainQuery; page: DomainPage }) {
  const search = domainQueryString(query);
  const result = useQuery<DomainPage>({
    queryKey: queryKeys.domains(query),
    queryFn: () => fetchJson<DomainPage>(`/api/cluster/domains${search ? `?${search}` : ""}`),
    initialData: search === domainQueryString(initial.query) ? initial.page : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });
  return {
    data: result.data ?? initial.page,
    error: result.error,
    /** True while the rows shown are those of the previous query. */
    stale: result.isPlaceholderData,
  };
}
