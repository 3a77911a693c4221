"use server";

import { revalidatePath } from "next/cache";
import { ACTION_TIMEOUT_MS, clientFor } from "../dashboard/agents";
import { recordStart } from "../dashboard/history";
import { invalidateLive } from "../dashboard/live-cluster";
import type { DryRunResult, MigrationStatus } from "../schemas/migration";
import { cancelRequestSchema, type MigrationRequest, migrationRequestSchema } from "../validations/migration";
import { type ActionResult, agentFailure, invalid } from "./result";

/**
 * The migrate dialog's actions: dry run (every pre-check and the prediction), start, cancel.
 * Each validates its input, finds the agents in the registry, and answers in words.
 */

async function agents(request: MigrationRequest) {
  const [source, target] = await Promise.all([
    clientFor(request.source, ACTION_TIMEOUT_MS),
    clientFor(request.target, ACTION_TIMEOUT_MS),
  ]);
  return { source, target };
}

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
  const { source, target } = await agents(parsed.data);
  if (!source || !target)
    return { ok: false, error: `unknown host ${source ? parsed.data.target : parsed.data.source}` };
  let status: MigrationStatus;
  try {
    status = await source.startMigration(agentRequest(parsed.data, target.url));
  } catch (error) {
    return agentFailure(error, parsed.data.source);
  }
  await recordStart(status, "admin");
  invalidateLive();
  revalidatePath("/migrations");
  return { ok: true, data: status };
}

export async function cancelMigration(input: unknown): Promise<ActionResult<MigrationStatus>> {
  const parsed = cancelRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const source = await clientFor(parsed.data.source, ACTION_TIMEOUT_MS);
  if (!source) return { ok: false, error: `unknown host ${parsed.data.source}` };
  try {
    const status = await source.cancel(parsed.data.id);
    invalidateLive();
    revalidatePath("/migrations");
    return { ok: true, data: status };
  } catch (error) {
    return agentFailure(error, parsed.data.source);
  }
}
