import { guardRoute } from "@/lib/auth/authorize";
import { liveSnapshot } from "@/lib/dashboard/live-cluster";
import { liveJson } from "@/lib/dashboard/live-json";

export const dynamic = "force-dynamic";

/**
 * The whole live cluster (no token in it), for scripts and tests; the pages poll the smaller views
 * under /api/cluster/. The history is brought up to date on the way.
 */
export async function GET(): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  return liveJson(await liveSnapshot());
}
