/**
 * Runs once when the dashboard's server starts: carries on with the plans that were being applied
 * when it last stopped (their state is in the database), and starts asking the agents in the
 * background (lib/dashboard/live-collector.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startCollector } = await import("./lib/dashboard/live-collector");
  startCollector();
  const { ensurePlanRunner } = await import("./lib/plan-runs/runner");
  await ensurePlanRunner().catch((error: unknown) => {
    console.error("plan runner: could not resume:", error instanceof Error ? error.message : error);
  });
}
