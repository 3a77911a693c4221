import { guardRoute } from "@/lib/auth/authorize";
import { liveJson } from "@/lib/dashboard/live-json";
import { liveHostsView } from "@/lib/dashboard/live-views";

export const dynamic = "force-dynamic";

/** The hosts list's poll: one row of figures per host. */
export async function GET(): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  return liveJson(await liveHostsView());
}
