import { reconcile } from "@/lib/dashboard/history";
import { clusterSnapshot } from "@/lib/dashboard/snapshot";
import { allMigrations } from "@/lib/dashboard/summary";

export const dynamic = "force-dynamic";

/** The live cluster for the browser's queries (no token in it); the history is brought up to date on the way. */
export async function GET(): Promise<Response> {
  const snapshot = await clusterSnapshot();
  await reconcile(allMigrations(snapshot)).catch((error: unknown) => {
    console.error("history: could not record migrations:", error instanceof Error ? error.message : error);
  });
  return Response.json(snapshot, { headers: { "cache-control": "no-store" } });
}
