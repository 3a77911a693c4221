import { Overview } from "@/components/cluster/overview";
import { clusterSnapshot } from "@/lib/dashboard/snapshot";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const snapshot = await clusterSnapshot();
  if (snapshot.hosts.length === 0) {
    return (
      <p className="text-slate-700">
        No agent is registered yet. Add one under{" "}
        <a className="text-sky-800 underline" href="/settings">
          Settings
        </a>
        .
      </p>
    );
  }
  return <Overview initial={snapshot} />;
}
