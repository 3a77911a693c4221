import type { DomainQuery } from "./dashboard/domain-filters";

/** Every TanStack Query key of the dashboard, in one place: one per live view of the cluster. */
export const queryKeys = {
  overview: ["cluster", "overview"] as const,
  migrations: ["cluster", "migrations"] as const,
  hosts: ["cluster", "hosts"] as const,
  host: (name: string) => ["cluster", "host", name] as const,
  domains: (query: DomainQuery) => ["cluster", "domains", query] as const,
  domain: (name: string, host: string) => ["cluster", "domain", name, host] as const,
};
