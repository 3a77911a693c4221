import type { NextRequest } from "next/server";
import { guardRoute } from "@/lib/auth/authorize";
import { domainDetailView } from "@/lib/dashboard/domain-detail-view";
import { liveSnapshot } from "@/lib/dashboard/live-cluster";
import { liveJson } from "@/lib/dashboard/live-json";

export const dynamic = "force-dynamic";

/** The domain page's poll (`?name=&host=`): the domain on the host the page is pinned to, or where it went. */
export async function GET(request: NextRequest): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  const params = request.nextUrl.searchParams;
  const view = domainDetailView(
    await liveSnapshot(),
    params.get("name") ?? "",
    params.get("host") || undefined,
  );
  return liveJson(view);
}
