import { randomUUID } from "node:crypto";
import { AgentHttpError } from "../../lib/agent-client/errors";
import type { PeerClient } from "../../lib/agent-client/peer-client";
import type { StartMigrationRequest } from "../../lib/schemas/migration";
import { MiB } from "../../lib/units";
import type { TransferResult } from "../drivers/driver";
import { crashPoint } from "../faults";
import type { MigrationContext, RunningMigration } from "./migration-context";
import type { MigrationRecord } from "./migration-record";
import type { PrecheckOutcome } from "./precheck";

/**
 * Phases 2-5 driven from the source, with libvirt's ownership rules: the target runs the domain
 * only after the transfer completed and the source asked it to (Finish); the source destroys its
 * copy only after the target confirmed (Confirm). Before hand-off any failure or cancel rolls back
 * (target copy destroyed, source running); during hand-off an unknown outcome is never guessed.
 */

export function newSourceRecord(
  context: MigrationContext,
  request: StartMigrationRequest,
  outcome: PrecheckOutcome,
): MigrationRecord {
  return {
    id: randomUUID(),
    role: "source",
    domain: outcome.domain.name,
    targetName: outcome.targetName,
    source: { name: context.config.name, url: context.config.url },
    target: outcome.target,
    kind: outcome.kind,
    phase: "precheck",
    progress: 0,
    transferredBytes: 0,
    remainingBytes: outcome.domain.memoryMiB * MiB,
    totalBytes: outcome.domain.memoryMiB * MiB,
    round: 0,
    dirtyRateBytesPerSec: 0,
    expectedDowntimeMs: 0,
    downtimeMs: null,
    bandwidthBytesPerSec: outcome.bandwidthBytesPerSec,
    downtimeLimitMs: outcome.downtimeLimitMs,
    onNoConvergence: request.onNoConvergence ?? context.config.migration.onNoConvergence,
    prediction: outcome.prediction,
    startedAt: new Date().toISOString(),
    endedAt: null,
    error: null,
    wasRunning: outcome.domain.state === "active",
    transferComplete: false,
    targetCleanupPending: false,
  };
}

export async function runSource(
  context: MigrationContext,
  run: RunningMigration,
  peer: PeerClient,
): Promise<void> {
  const { record, controller, tracker } = run;
  const { driver } = context;
  const signal = controller.signal;
  let result: TransferResult;
  try {
    await context.enter(record, "prepare", tracker);
    const params = {
      bandwidthBytesPerSec: record.bandwidthBytesPerSec,
      downtimeLimitMs: record.downtimeLimitMs,
      onNoConvergence: record.onNoConvergence,
    };
    const endpoint = await peer.prepare({
      id: record.id,
      source: record.source,
      domain: record.domain,
      targetName: record.targetName,
      kind: record.kind,
      spec: driver.spec(record.domain),
      params,
      prediction: record.prediction,
      startedAt: record.startedAt,
    });
    signal.throwIfAborted();
    await context.enter(record, "transfer", tracker);
    result = await driver.migrateOut(
      { migrationId: record.id, name: record.domain, kind: record.kind, endpoint, params },
      {
        signal,
        onProgress: (progress) => context.progress(record, tracker, progress),
        onSuspended: () => void context.enter(record, "suspend", tracker),
      },
    );
    signal.throwIfAborted();
    crashPoint("source-crash-after-transfer");
  } catch (error) {
    // An abort is an admin's cancel, unless the agent aborted it because it is shutting down.
    const reason = signal.aborted
      ? signal.reason instanceof ShutdownError
        ? signal.reason.message
        : null
      : errorText(error);
    await rollBack(context, record, peer, reason);
    return;
  }
  await handOff(context, record, peer, result, performance.now());
}

/** Phase 5: from here the target may be running the domain, so nothing is undone blindly. */
async function handOff(
  context: MigrationContext,
  record: MigrationRecord,
  peer: PeerClient,
  result: TransferResult,
  transferEndedAt: number,
): Promise<void> {
  await context.enter(record, "handoff");
  try {
    await peer.finish(record.id);
  } catch (error) {
    if (error instanceof AgentHttpError && error.status < 500) {
      // The target answered and refused: it did not run the domain, so the source takes it back.
      await rollBack(context, record, peer, `target refused hand-off: ${error.message}`);
      return;
    }
    record.phase = "needs-attention";
    record.error = `hand-off outcome unknown: ${errorText(error)}; the domain stays paused on ${record.source.name} until ${record.target.name} answers`;
    await context.store.save(record);
    context.log.error({ migration: record.id, error: record.error }, "migration needs attention");
    return;
  }
  // Downtime: the stop-and-copy, then hand-off until the target said it runs (a cold domain never ran).
  record.downtimeMs =
    record.kind === "cold" ? 0 : Math.round(result.stopAndCopyMs + (performance.now() - transferEndedAt));
  if (result.hypervisorDowntimeMs !== undefined) record.hypervisorDowntimeMs = result.hypervisorDowntimeMs;
  await confirm(context, record);
}

/** Confirm: the target runs the domain; the source's copy goes and its resources are freed. */
export async function confirm(
  context: MigrationContext,
  record: MigrationRecord,
  note: string | null = null,
): Promise<void> {
  await context.driver.removeSource(record.domain);
  await context.end(record, "completed", note);
}

/** Failure or cancel before hand-off: the source runs the domain again, the target's copy is destroyed. */
export async function rollBack(
  context: MigrationContext,
  record: MigrationRecord,
  peer: PeerClient | undefined,
  error: string | null,
): Promise<void> {
  const outcome = error === null ? "cancelled" : "failed";
  await context.driver.resumeSource(record.domain, record.wasRunning);
  record.targetCleanupPending = true;
  await context.end(record, outcome, error);
  await destroyTargetCopy(context, record, peer);
}

/** Asks the target to destroy its copy; if it cannot be reached, this is retried until it answers. */
export async function destroyTargetCopy(
  context: MigrationContext,
  record: MigrationRecord,
  peer: PeerClient | undefined,
): Promise<boolean> {
  if (!peer) return false;
  try {
    await peer.abort(record.id, {
      outcome: record.phase === "cancelled" ? "cancelled" : "failed",
      reason: record.error ?? "cancelled by the source",
    });
  } catch (error) {
    if (error instanceof AgentHttpError && error.code === "ALREADY_HANDED_OFF") {
      // Only after an admin resumed the source by hand while the target had in fact run it.
      record.error = `SPLIT BRAIN: ${record.target.name} runs ${record.targetName} too; stop one copy now. ${record.error ?? ""}`;
      context.log.error({ migration: record.id, domain: record.domain }, record.error);
    } else if (!(error instanceof AgentHttpError && error.status === 404)) {
      context.log.warn(
        { migration: record.id, error: errorText(error) },
        "target copy not yet destroyed; will retry",
      );
      return false;
    }
  }
  record.targetCleanupPending = false;
  await context.store.save(record);
  return true;
}

/** The reason given to a running migration's abort when its agent stops. */
export class ShutdownError extends Error {
  override name = "ShutdownError";
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
