import type { NextRequest } from "next/server";
import { guardRoute } from "@/lib/auth/authorize";
import { parseDomainQuery } from "@/lib/dashboard/domain-filters";
import { domainPage } from "@/lib/dashboard/domain-list";
import { liveDomains } from "@/lib/dashboard/live-cluster";
import { liveJson } from "@/lib/dashboard/live-json";

export const dynamic = "force-dynamic";

/** The domains list's poll: the page of rows its query (`?q=&host=&state=&sort=&dir=&page=`) asks for. */
export async function GET(request: NextRequest): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  return liveJson(domainPage(await liveDomains(), parseDomainQuery(request.nextUrl.searchParams)));
}
