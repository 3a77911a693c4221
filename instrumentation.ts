/**
 * Runs once when the dashboard's server starts: carries on with the plans that were being applied
 * when it last stopped (their state is in the database).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensurePlanRunner } = await import("./lib/plan-runs/runner");
  await ensurePlanRunner().catch((error: unknown) => {
    console.error("plan runner: could not resume:", error instanceof Error ? error.message : error);
  });
}
