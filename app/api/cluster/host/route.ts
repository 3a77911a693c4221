import type { NextRequest } from "next/server";
import { guardRoute } from "@/lib/auth/authorize";
import { liveJson } from "@/lib/dashboard/live-json";
import { takeHostView } from "@/lib/dashboard/snapshot";

export const dynamic = "force-dynamic";

/** The host page's poll (`?name=`): that one agent, asked alone; `view: null` once no agent has the name. */
export async function GET(request: NextRequest): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  const taken = await takeHostView(request.nextUrl.searchParams.get("name") ?? "");
  return liveJson(taken ?? { takenAt: new Date().toISOString(), view: null });
}
