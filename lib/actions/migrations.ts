"use server";

import { revalidatePath } from "next/cache";
import { auditResult } from "../audit/record";
import { authorize } from "../auth/authorize";
import { ACTION_TIMEOUT_MS, clientFor } from "../dashboard/agents";
import { recordStart } from "../dashboard/history";
import { invalidateLive } from "../dashboard/live-cluster";
import type { DryRunResult, MigrationStatus } from "../schemas/migration";
import { cancelRequestSchema, type MigrationRequest, migrationRequestSchema } from "../validations/migration";
import { type ActionResult, agentFailure, invalid } from "./result";

/**
 * The migrate dialog's actions: dry run (every pre-check and the prediction), start, cancel.
 * Each validates its input, checks the caller's role (an operator's or admin's), finds the agents in
 * the registry, and answers in words. Starts and cancels go to the audit log, refused or not.
 */

async function agents(request: MigrationRequest) {
  const [source, target] = await Promise.all([
    clientFor(request.source, ACTION_TIMEOUT_MS),
    clientFor(request.target, ACTION_TIMEOUT_MS),
  ]);
  return { source, target };
}

const describe = (request: MigrationRequest) =>
  `${request.domain} ${request.source} -> ${request.target}${request.targetName ? `:${request.targetName}` : ""}`;

function agentRequest(request: MigrationRequest, targetUrl: string) {
  return {
    domain: request.domain,
    target: targetUrl,
    kind: request.kind,
    targetName: request.targetName,
    maxBandwidthMiBps: request.maxBandwidthMiBps,
    downtimeLimitMs: request.downtimeLimitMs,
  };
}

export async function dryRunMigration(input: unknown): Promise<ActionResult<DryRunResult>> {
  const parsed = migrationRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const allowed = await authorize("migrate");
  if (!allowed.ok) return allowed;
  const { source, target } = await agents(parsed.data);
  if (!source || !target)
    return { ok: false, error: `unknown host ${source ? parsed.data.target : parsed.data.source}` };
  try {
    return { ok: true, data: await source.dryRun(agentRequest(parsed.data, target.url)) };
  } catch (error) {
    return agentFailure(error, parsed.data.source);
  }
}

export async function startMigration(input: unknown): Promise<ActionResult<MigrationStatus>> {
  const parsed = migrationRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const entry = { action: "migration.start", target: describe(parsed.data) } as const;
  const allowed = await authorize("migrate", entry);
  if (!allowed.ok) return allowed;
  const result = await start(parsed.data, allowed.user.email);
  await auditResult(
    allowed.user,
    { ...entry, detail: result.ok ? `migration ${result.data.id}` : "" },
    result,
  );
  return result;
}

async function start(request: MigrationRequest, startedBy: string): Promise<ActionResult<MigrationStatus>> {
  const { source, target } = await agents(request);
  if (!source || !target)
    return { ok: false, error: `unknown host ${source ? request.target : request.source}` };
  let status: MigrationStatus;
  try {
    status = await source.startMigration(agentRequest(request, target.url));
  } catch (error) {
    return agentFailure(error, request.source);
  }
  await recordStart(status, startedBy);
  invalidateLive();
  revalidatePath("/migrations");
  return { ok: true, data: status };
}

export async function cancelMigration(input: unknown): Promise<ActionResult<MigrationStatus>> {
  const parsed = cancelRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const entry = { action: "migration.cancel", target: `${parsed.data.id} on ${parsed.data.source}` } as const;
  const allowed = await authorize("cancel-migration", entry);
  if (!allowed.ok) return allowed;
  const result = await cancel(parsed.data.source, parsed.data.id);
  await auditResult(allowed.user, { ...entry, detail: result.ok ? result.data.domain : "" }, result);
  return result;
}

async function cancel(sourceName: string, id: string): Promise<ActionResult<MigrationStatus>> {
  const source = await clientFor(sourceName, ACTION_TIMEOUT_MS);
  if (!source) return { ok: false, error: `unknown host ${sourceName}` };
  try {
    const status = await source.cancel(id);
    invalidateLive();
    revalidatePath("/migrations");
    return { ok: true, data: status };
  } catch (error) {
    return agentFailure(error, sourceName);
  }
}
