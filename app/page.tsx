import { Overview } from "@/components/cluster/overview";
import { pageUser } from "@/lib/auth/session";
import { FIRST_VIEW_MAX_AGE_MS } from "@/lib/dashboard/live-ages";
import { liveOverview } from "@/lib/dashboard/live-views";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  await pageUser("/");
  const view = await liveOverview(FIRST_VIEW_MAX_AGE_MS);
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
