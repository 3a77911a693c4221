import { clusterSnapshot } from "@/lib/dashboard/snapshot";

export const dynamic = "force-dynamic";

/** The live cluster for the browser's queries: what the agents report now, without any token. */
export async function GET(): Promise<Response> {
  return Response.json(await clusterSnapshot(), { headers: { "cache-control": "no-store" } });
}
