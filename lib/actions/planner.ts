"use server";

import { revalidatePath } from "next/cache";
import { auditResult } from "../audit/record";
import { authorize } from "../auth/authorize";
import type { SignedInUser } from "../auth/session";
import { invalidateLive } from "../dashboard/live-cluster";
import { enterMaintenance, leaveMaintenance } from "../dashboard/planner-store";
import { suggest } from "../dashboard/suggestions";
import { db } from "../db/client";
import { ensurePlanRunner } from "../plan-runs/runner";
import { requestCancel } from "../plan-runs/store";
import { ACTIVE_RUN_STATES } from "../plan-runs/types";
import { hostNameSchema } from "../validations/migration";
import { type ApplyRequest, applyRequestSchema, planRunIdSchema } from "../validations/planner";
import { type ActionResult, invalid } from "./result";

/**
 * Applying suggestions, cancelling an applied plan, leaving maintenance. The moves to apply are
 * named by domain and planned again on the server from what the agents report now: a browser
 * never dictates a move, and a cluster that changed since the page was shown is caught here.
 * Each checks the caller's role first; what it did or refused goes to the audit log, and the
 * signed-in user is who "started" the plan, its moves and the maintenance.
 */

export async function applySuggestions(input: unknown): Promise<ActionResult<{ runId: string }>> {
  const parsed = applyRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { maintenance } = parsed.data;
  const entry = {
    action: "plan.apply",
    target: `${parsed.data.moves.length} move(s)${maintenance ? `, maintenance of ${maintenance}` : ""}`,
  } as const;
  const allowed = await authorize("apply-plan", entry);
  if (!allowed.ok) return allowed;
  if (maintenance) {
    const alsoMaintenance = await authorize("maintenance", {
      action: "maintenance.enter",
      target: maintenance,
    });
    if (!alsoMaintenance.ok) return alsoMaintenance;
  }
  const result = await apply(parsed.data, allowed.user);
  await auditResult(allowed.user, { ...entry, detail: result.ok ? `plan ${result.data.runId}` : "" }, result);
  // Maintenance entered through its evacuate plan is a maintenance change of its own in the log.
  if (result.ok && maintenance)
    await auditResult(
      allowed.user,
      { action: "maintenance.enter", target: maintenance, detail: `emptied by plan ${result.data.runId}` },
      result,
    );
  return result;
}

async function apply(
  { request, moves, maintenance }: ApplyRequest,
  user: SignedInUser,
): Promise<ActionResult<{ runId: string }>> {
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
      startedBy: user.email,
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
  if (maintenance) await enterMaintenance(maintenance, user.email);
  await ensurePlanRunner();
  invalidateLive(); // the next render asks the agents, and sees the moves begin
  revalidatePath("/suggestions");
  return { ok: true, data: { runId: run.id } };
}

export async function cancelPlanRun(input: unknown): Promise<ActionResult<null>> {
  const parsed = planRunIdSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const entry = { action: "plan.cancel", target: `plan ${parsed.data.id}` } as const;
  const allowed = await authorize("apply-plan", entry);
  if (!allowed.ok) return allowed;
  const cancelled = await requestCancel(parsed.data.id);
  const result: ActionResult<null> = cancelled
    ? { ok: true, data: null }
    : { ok: false, error: "this plan has already ended" };
  await auditResult(allowed.user, entry, result);
  if (cancelled) await ensurePlanRunner();
  return result;
}

export async function leaveMaintenanceMode(input: unknown): Promise<ActionResult<null>> {
  const parsed = hostNameSchema.safeParse((input as { host?: unknown } | null)?.host);
  if (!parsed.success) return invalid(parsed.error);
  const entry = { action: "maintenance.leave", target: parsed.data } as const;
  const allowed = await authorize("maintenance", entry);
  if (!allowed.ok) return allowed;
  const left = await leaveMaintenance(parsed.data);
  const result: ActionResult<null> = left
    ? { ok: true, data: null }
    : { ok: false, error: `${parsed.data} is not in maintenance` };
  await auditResult(allowed.user, entry, result);
  if (!left) return result;
  revalidatePath(`/hosts/${parsed.data}`);
  revalidatePath("/suggestions");
  return { ok: true, data: null };
}

/** Maintenance for a host with nothing to move (an empty host); a host with domains goes through a plan. */
export async function enterMaintenanceMode(input: unknown): Promise<ActionResult<null>> {
  const parsed = hostNameSchema.safeParse((input as { host?: unknown } | null)?.host);
  if (!parsed.success) return invalid(parsed.error);
  const entry = { action: "maintenance.enter", target: parsed.data } as const;
  const allowed = await authorize("maintenance", entry);
  if (!allowed.ok) return allowed;
  await enterMaintenance(parsed.data, allowed.user.email);
  await auditResult(allowed.user, entry, { ok: true });
  revalidatePath(`/hosts/${parsed.data}`);
  revalidatePath("/suggestions");
  return { ok: true, data: null };
}
