import type { PrecheckCode } from "../../lib/prechecks/codes";
import { domainFacts, hostFacts, macsOf } from "../../lib/prechecks/from-inventory";
import { runPrechecks } from "../../lib/prechecks/run-prechecks";
import { isFinalPhase } from "../../lib/schemas/migration";
import type { AbortRequest, PrepareRequest, TransferEndpoint } from "../../lib/schemas/peer";
import { ApiError, conflict, notFound } from "../api-error";
import { type DriverDomain, type IncomingHooks, ResourceError } from "../drivers/driver";
import { crashPoint } from "../faults";
import type { MigrationContext, RunningMigration } from "./migration-context";
import type { MigrationRecord } from "./migration-record";

/**
 * The target's part (libvirt's Prepare and Finish): re-check and reserve on arrival, follow the
 * incoming state, run the domain only when the transfer completed and the source says so, and
 * destroy the copy on any failure before that. Only the source can cancel.
 */

/** The checks whose facts live on the target and may have changed since the source's pre-check. */
const TARGET_SIDE: PrecheckCode[] = [
  "INSUFFICIENT_CPU",
  "INSUFFICIENT_MEMORY",
  "MEMORY_LAYOUT_INCOMPATIBLE",
  "SWITCH_MISSING",
  "VOLUME_MISSING",
  "NO_CONSOLE_PORT",
  "MAC_CONFLICT",
  "DELAYED_RECONFIG",
  "NAME_TAKEN",
];

export async function prepareTarget(
  context: MigrationContext,
  request: PrepareRequest,
): Promise<TransferEndpoint> {
  const { driver } = context;
  if (context.store.get(request.id))
    throw conflict("DUPLICATE_MIGRATION", `migration ${request.id} is already known here`);
  const busy = context.busyReason(request.targetName);
  if (busy) throw conflict("DOMAIN_BUSY", `${request.targetName} is busy on ${context.config.name}: ${busy}`);
  recheck(context, request);

  const record = newTargetRecord(context, request);
  const run: RunningMigration = {
    record,
    controller: new AbortController(),
    tracker: context.newTracker(record),
    settled: Promise.resolve(),
  };
  context.track(record);
  context.running.set(record.id, run);
  await context.store.save(record);
  try {
    const endpoint = await driver.prepareIncoming(
      {
        migrationId: record.id,
        name: record.targetName,
        kind: record.kind,
        spec: request.spec,
        params: request.params,
      },
      incomingHooks(context, run),
    );
    if (isFinalPhase(record.phase)) {
      // The source gave up (abort) while we were still building the copy: do not leave it behind.
      await driver.destroyIncoming(record.targetName);
      throw conflict(
        "MIGRATION_ENDED",
        `migration ${record.id} was aborted by the source while being prepared`,
      );
    }
    if (endpoint.transport === "none") record.transferComplete = true;
    await context.store.save(record);
    return endpoint;
  } catch (error) {
    await driver.destroyIncoming(record.targetName);
    await context.end(record, "failed", (error as Error).message);
    if (error instanceof ResourceError) throw conflict("RESOURCES_UNAVAILABLE", error.message);
    throw error;
  }
}

function recheck(context: MigrationContext, request: PrepareRequest): void {
  const { driver } = context;
  const domains = driver.domains();
  const here = hostFacts(driver.host(), {
    domainNames: domains.map((d) => d.name),
    macsInUse: macsOf(domains),
  });
  const incoming: DriverDomain = {
    ...request.spec,
    name: request.domain,
    memoryMiB: request.spec.memoryBlocks.reduce((sum, block) => sum + block.sizeMiB, 0),
    memoryBlocks: request.spec.memoryBlocks.map((block) => ({ ...block, physicalAddress: null })),
    strands: [],
    consolePort: null,
    utilization: 0,
    uptimeSeconds: null,
  };
  // Only target-side checks are run, so passing this host as "source" compares nothing with it.
  const failed = runPrechecks({
    source: here,
    target: here,
    domain: domainFacts(incoming, null),
    targetName: request.targetName,
  }).filter((check) => TARGET_SIDE.includes(check.code) && !check.ok);
  if (failed.length > 0) {
    throw new ApiError(422, "PRECHECK_FAILED", failed.map((check) => check.message).join("; "), failed);
  }
}

function newTargetRecord(context: MigrationContext, request: PrepareRequest): MigrationRecord {
  const totalBytes = request.spec.memoryBlocks.reduce((sum, block) => sum + block.sizeMiB, 0) * 1048576;
  return {
    id: request.id,
    role: "target",
    domain: request.domain,
    targetName: request.targetName,
    source: request.source,
    target: { name: context.config.name, url: context.config.url },
    kind: request.kind,
    phase: "prepare",
    progress: 1,
    transferredBytes: 0,
    remainingBytes: totalBytes,
    totalBytes,
    round: 0,
    dirtyRateBytesPerSec: 0,
    expectedDowntimeMs: 0,
    downtimeMs: null,
    bandwidthBytesPerSec: request.params.bandwidthBytesPerSec,
    downtimeLimitMs: request.params.downtimeLimitMs,
    onNoConvergence: request.params.onNoConvergence,
    prediction: request.prediction,
    startedAt: request.startedAt,
    endedAt: null,
    error: null,
    wasRunning: false,
    transferComplete: false,
    targetCleanupPending: false,
  };
}

function incomingHooks(context: MigrationContext, run: RunningMigration): IncomingHooks {
  const { record, tracker } = run;
  return {
    onProgress: (progress) => context.progress(record, tracker, progress),
    onSuspended: () => void context.enter(record, "suspend", tracker),
    onComplete: async () => {
      // Write-ahead: on disk before the source hears it, or a crash here would lose a complete copy.
      record.transferComplete = true;
      record.remainingBytes = 0;
      await context.store.save(record);
    },
    onFailed: (reason, cancelled) => {
      void destroyCopy(context, record, cancelled ? "cancelled" : "failed", reason);
    },
  };
}

/** Finish: the source says the transfer is over; run the domain here. Idempotent. */
export async function finishTarget(context: MigrationContext, id: string): Promise<string> {
  const record = targetRecord(context, id);
  if (record.phase === "completed") return "active";
  if (isFinalPhase(record.phase))
    throw conflict("MIGRATION_ENDED", `migration ${id} already ${record.phase} here: ${record.error ?? ""}`);
  if (!record.transferComplete)
    throw conflict("TRANSFER_INCOMPLETE", `migration ${id}: not all of the domain's state has arrived`);
  crashPoint("target-crash-before-finish");
  await context.enter(record, "handoff");
  const refused = await runCopy(context, record);
  if (refused) throw conflict("HANDOFF_FAILED", refused);
  crashPoint("target-crash-after-finish");
  return record.kind === "cold" ? (context.driver.domain(record.targetName)?.state ?? "inactive") : "active";
}

/**
 * Hand-off on the target: runs the copy and completes the migration. A copy that cannot run here
 * (its QEMU died, say) is destroyed and the migration fails here, so the source, which still holds
 * the whole guest paused, takes it back: returns why. If the copy runs after all, the error is
 * thrown and the migration stays in hand-off, for the source to ask again.
 */
export async function runCopy(context: MigrationContext, record: MigrationRecord): Promise<string | null> {
  try {
    await context.driver.finishIncoming(record.targetName, record.kind);
  } catch (error) {
    if (context.driver.domain(record.targetName)?.state === "active") throw error;
    const reason = `${record.targetName} could not run on ${context.config.name}: ${(error as Error).message}`;
    context.log.error({ migration: record.id, domain: record.targetName }, reason);
    await context.driver.destroyIncoming(record.targetName).catch((cleanup: Error) => {
      context.log.error({ migration: record.id, err: cleanup }, "the copy that cannot run was not destroyed");
    });
    await context.end(record, "failed", reason);
    return reason;
  }
  await context.end(record, "completed");
  return null;
}

/** Abort: the source failed or cancelled before hand-off; the copy goes. Idempotent. */
export async function abortTarget(
  context: MigrationContext,
  id: string,
  request: AbortRequest,
): Promise<void> {
  const record = targetRecord(context, id);
  if (record.phase === "completed" || record.phase === "handoff") {
    throw conflict(
      "ALREADY_HANDED_OFF",
      `migration ${id}: ${record.targetName} already runs on ${context.config.name}`,
    );
  }
  await destroyCopy(context, record, request.outcome, request.reason);
  if (record.phase === "failed" && request.outcome === "cancelled") {
    // The transfer broke off here because the source cancelled it: the source's word names the outcome.
    record.phase = "cancelled";
    record.error = request.reason;
    await context.store.save(record);
  }
}

export async function destroyCopy(
  context: MigrationContext,
  record: MigrationRecord,
  outcome: "failed" | "cancelled",
  reason: string,
): Promise<void> {
  if (record.phase === "completed" || record.phase === "handoff") return;
  await context.driver.destroyIncoming(record.targetName);
  if (!isFinalPhase(record.phase)) await context.end(record, outcome, reason);
}

function targetRecord(context: MigrationContext, id: string): MigrationRecord {
  const record = context.store.get(id);
  if (record?.role !== "target") throw notFound(`migration ${id} on ${context.config.name}`);
  return record;
}
