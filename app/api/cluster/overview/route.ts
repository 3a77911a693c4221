import { liveHosts } from "@/lib/dashboard/live-cluster";
import { liveJson } from "@/lib/dashboard/live-json";
import { overviewView } from "@/lib/dashboard/views";

export const dynamic = "force-dynamic";

/** The overview's poll: totals, each host's load, the active migrations. */
export async function GET(): Promise<Response> {
  return liveJson(overviewView(await liveHosts()));
}
