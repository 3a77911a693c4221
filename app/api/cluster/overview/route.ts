import { guardRoute } from "@/lib/auth/authorize";
import { liveJson } from "@/lib/dashboard/live-json";
import { liveOverview } from "@/lib/dashboard/live-views";

export const dynamic = "force-dynamic";

/** The overview's poll: totals, each host's load, the active migrations. */
export async function GET(): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  return liveJson(await liveOverview());
}
