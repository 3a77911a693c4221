import { liveJson } from "@/lib/dashboard/live-json";
import { liveOverview } from "@/lib/dashboard/live-views";

export const dynamic = "force-dynamic";

/** The overview's poll: totals, each host's load, the active migrations. */
export async function GET(): Promise<Response> {
  return liveJson(await liveOverview());
}
