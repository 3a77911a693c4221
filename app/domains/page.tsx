import type { Metadata } from "next";
import { DomainsTable } from "@/components/domains/domains-table";
import { pageUser } from "@/lib/auth/session";
import { parseDomainQuery } from "@/lib/dashboard/domain-filters";
import { domainPage } from "@/lib/dashboard/domain-list";
import { FIRST_VIEW_MAX_AGE_MS } from "@/lib/dashboard/live-ages";
import { liveDomains } from "@/lib/dashboard/live-cluster";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Domains" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The page of rows the URL asks for, filtered and sorted over every domain, rendered on the server. */
export default async function DomainsPage({ searchParams }: { searchParams: Search }) {
  await pageUser("/domains");
  const raw = await searchParams;
  const query = parseDomainQuery({
    get: (name) => {
      const value = raw[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  });
  const page = domainPage(await liveDomains(FIRST_VIEW_MAX_AGE_MS), query);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Domains</h1>
      <DomainsTable initial={{ query, page }} />
    </div>
  );
}
