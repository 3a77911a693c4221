import { liveHosts } from "@/lib/dashboard/live-cluster";
import { liveJson } from "@/lib/dashboard/live-json";
import { hostsView } from "@/lib/dashboard/views";

export const dynamic = "force-dynamic";

/** The hosts list's poll: one row of figures per host. */
export async function GET(): Promise<Response> {
  return liveJson(hostsView(await liveHosts()));
}
