import { guardRoute } from "@/lib/auth/authorize";
import { liveHosts } from "@/lib/dashboard/live-cluster";
import { liveJson } from "@/lib/dashboard/live-json";
import { migrationsView } from "@/lib/dashboard/views";

export const dynamic = "force-dynamic";

/** The migrations page's poll: the migrations under way. */
export async function GET(): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  return liveJson(migrationsView(await liveHosts()));
}
