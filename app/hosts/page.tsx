import type { Metadata } from "next";
import { HostsTable } from "@/components/hosts/hosts-table";
import { clusterSnapshot } from "@/lib/dashboard/snapshot";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const snapshot = await clusterSnapshot();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Hosts</h1>
      {/* The table shows the empty state itself, so a newly registered agent appears without a reload. */}
      <HostsTable initial={snapshot} />
    </div>
  );
}
