import { Overview } from "@/components/cluster/overview";
import { FIRST_VIEW_MAX_AGE_MS } from "@/lib/dashboard/live-ages";
import { liveHosts } from "@/lib/dashboard/live-cluster";
import { overviewView } from "@/lib/dashboard/views";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const view = overviewView(await liveHosts(FIRST_VIEW_MAX_AGE_MS));
  if (view.hosts.length === 0) {
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
  return <Overview initial={view} />;
}
