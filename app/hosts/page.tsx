import type { Metadata } from "next";
import { HostsTable } from "@/components/hosts/hosts-table";
import { pageUser } from "@/lib/auth/session";
import { FIRST_VIEW_MAX_AGE_MS } from "@/lib/dashboard/live-ages";
import { liveHostsView } from "@/lib/dashboard/live-views";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  await pageUser("/hosts");
  const view = await liveHostsView(FIRST_VIEW_MAX_AGE_MS);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Hosts</h1>
      {/* The table shows the empty state itself, so a newly registered agent appears without a reload. */}
      <HostsTable initial={view} />
    </div>
  );
}
