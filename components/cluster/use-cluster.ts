"use client";

import { useQuery } from "@tanstack/react-query";
import type { ClusterSnapshot } from "@/lib/dashboard/snapshot";
import { queryKeys } from "@/lib/query-keys";

/** How often the browser asks for the cluster: well inside the one second a change may take to show. */
export const LIVE_INTERVAL_MS = 500;

async function fetchCluster(): Promise<ClusterSnapshot> {
  const response = await fetch("/api/cluster", { cache: "no-store" });
  if (!response.ok) throw new Error(`the dashboard answered ${response.status}`);
  return response.json();
}

/** The live cluster, starting from what the server rendered. */
export function useCluster(initial: ClusterSnapshot) {
  return useQuery({
    queryKey: queryKeys.cluster,
    queryFn: fetchCluster,
    initialData: initial,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}
