import type { Metadata } from "next";
import { DomainsTable } from "@/components/domains/domains-table";
import { clusterSnapshot } from "@/lib/dashboard/snapshot";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Domains" };

export default async function DomainsPage() {
  const snapshot = await clusterSnapshot();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Domains</h1>
      <DomainsTable initial={snapshot} />
    </div>
  );
}
