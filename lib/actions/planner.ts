"use server";

import { revalidatePath } from "next/cache";
import { invalidateLive } from "../dashboard/live-cluster";
import { enterMaintenance, leaveMaintenance } from "../dashboard/planner-store";
import { suggest } from "../dashboard/suggestions";
import { db } from "../db/client";
import { ensurePlanRunner } from "../plan-runs/runner";
import { requestCancel } from "../plan-runs/store";
import { ACTIVE_RUN_STATES } from "../plan-runs/types";
import { hostNameSchema } from "../validations/migration";
import { applyRequestSchema, planRunIdSchema } from "../validations/planner";
import { type ActionResult, invalid } from "./result";

/**
 * Applying suggestions, cancelling an applied plan, leaving maintenance. The moves to apply are
 * named by domain and planned again on the server from what the agents report now: a browser
 * never dictates a move, and a cluster that changed since the page was shown is caught here.
 */

const STARTED_BY = "admin";

export async function applySuggestions(input: unknown): Promise<ActionResult<{ runId: string }>> {
  const parsed = applyRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { request, moves, maintenance } = parsed.data;
  const running = await db.planRun.findFirst({ where: { state: { in: ACTIVE_RUN_STATES } } });
  if (running)
    return { ok: false, error: "a plan is being applied already: let it finish or cancel it first" };
  let suggestions: Awaited<ReturnType<typeof suggest>>;
  try {
    suggestions = await suggest(request, 0); // what the agents say now, not a shared round
  } catch (error) {
    return { ok: false, error: `could not plan: ${error instanceof Error ? error.message : String(error)}` };
  }
  const { plan } = suggestions;
  const wanted = new Map(moves.map((move) => [move.domain, move.to]));
  const picked = plan.moves.filter((move) => wanted.get(move.domain) === move.to);
  const changed = moves.filter((move) => !picked.some((found) => found.domain === move.domain));
  if (changed.length > 0) {
    const names = changed.map((move) => `${move.domain} to ${move.to}`).join(", ");
    return {
      ok: false,
      error: `the cluster changed since these suggestions were made (no longer suggested: ${names}): review the new ones`,
    };
  }
  // Waves keep their order; waves left empty by the choice are closed up.
  const waves = [...new Set(picked.map((move) => move.wave))].sort((a, b) => a - b);
  const run = await db.planRun.create({
    data: {
      goal: plan.goal,
      state: "running",
      startedBy: STARTED_BY,
      metrics: JSON.stringify(plan.metrics),
      maintenance: maintenance ?? null,
      moves: {
        create: picked.map((move) => ({
          domain: move.domain,
          source: move.from,
          target: move.to,
          kind: move.kind,
          wave: waves.indexOf(move.wave),
          reason: move.reason,
          predictedSeconds: move.predicted.seconds,
          predictedDowntime: move.predicted.downtimeMs,
          predictedMiB: move.predicted.transferMiB,
        })),
      },
    },
  });
  if (maintenance) await enterMaintenance(maintenance, STARTED_BY);
  await ensurePlanRunner();
  invalidateLive(); // the next render asks the agents, and sees the moves begin
  revalidatePath("/suggestions");
  return { ok: true, data: { runId: run.id } };
}

export async function cancelPlanRun(input: unknown): Promise<ActionResult<null>> {
  const parsed = planRunIdSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (!(await requestCancel(parsed.data.id))) return { ok: false, error: "this plan has already ended" };
  await ensurePlanRunner();
  return { ok: true, data: null };
}

export async function leaveMaintenanceMode(input: unknown): Promise<ActionResult<null>> {
  const parsed = hostNameSchema.safeParse((input as { host?: unknown } | null)?.host);
  if (!parsed.success) return invalid(parsed.error);
  if (!(await leaveMaintenance(parsed.data)))
    return { ok: false, error: `${parsed.data} is not in maintenance` };
  revalidatePath(`/hosts/${parsed.data}`);
  revalidatePath("/suggestions");
  return { ok: true, data: null };
}

/** Maintenance for a host with nothing to move (an empty host); a host with domains goes through a plan. */
export async function enterMaintenanceMode(input: unknown): Promise<ActionResult<null>> {
  const parsed = hostNameSchema.safeParse((input as { host?: unknown } | null)?.host);
  if (!parsed.success) return invalid(parsed.error);
  await enterMaintenance(parsed.data, STARTED_BY);
  revalidatePath(`/hosts/${parsed.data}`);
  revalidatePath("/suggestions");
  return { ok: true, data: null };
}
