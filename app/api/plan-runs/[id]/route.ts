import { guardRoute } from "@/lib/auth/authorize";
import { planRunView } from "@/lib/plan-runs/view";

export const dynamic = "force-dynamic";

/** An applied plan, live: each move's state and, while it runs, its migration as the source reports it. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const refused = await guardRoute("view");
  if (refused) return refused;
  const { id } = await params;
  const run = await planRunView(id);
  if (!run) return Response.json({ error: `no applied plan ${id}` }, { status: 404 });
  return Response.json(run, { headers: { "cache-control": "no-store" } });
}
