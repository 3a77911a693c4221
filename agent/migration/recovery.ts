import { AgentHttpError } from "../../lib/agent-client/errors";
import { isFinalPhase } from "../../lib/schemas/migration";
import type { MigrationContext } from "./migration-context";
import type { MigrationRecord } from "./migration-record";
import { confirm, describe, destroyTargetCopy, rollBack } from "./source-side";
import { destroyCopy } from "./target-side";

/**
 * What a restarted agent does with the migrations it finds on disk, by DOMAIN.md's safety rules,
 * and the loops that finish what needed the peer: destroying a target copy once the target is seen
 * again, and settling a hand-off whose outcome was unknown once the target can say what happened.
 */

export async function recover(context: MigrationContext, record: MigrationRecord): Promise<void> {
  context.track(record);
  if (isFinalPhase(record.phase)) return;
  const during = `the agent restarted during ${record.phase}`;
  if (record.role === "source") {
    if (record.phase === "handoff" || record.phase === "needs-attention") {
      record.phase = "needs-attention";
      record.error ??= `${during}: hand-off outcome unknown until ${record.target.name} answers; the domain stays paused`;
      await context.store.save(record);
      return;
    }
    // The transfer died with the old process; the target never ran the domain: take it back.
    await rollBack(
      context,
      record,
      context.peer(record.target.url),
      `${during}; the domain runs on ${record.source.name}`,
    );
    return;
  }
  if (record.phase === "handoff") {
    // The source had asked us to run it: finish that (the source is waiting for this confirmation).
    await context.driver.finishIncoming(record.targetName, record.kind);
    await context.end(record, "completed");
    return;
  }
  if (!record.transferComplete) {
    await destroyCopy(context, record, "failed", `${during}; the source keeps the domain`);
  }
  // A complete transfer waits for the source's word (finish or abort), as before the restart.
}

/** One pass over the migrations waiting on a peer; run periodically. */
export async function settleWithPeers(context: MigrationContext): Promise<void> {
  for (const record of context.store.all()) {
    if (record.role !== "source") continue;
    if (record.targetCleanupPending)
      await destroyTargetCopy(context, record, context.peer(record.target.url));
    if (record.phase === "needs-attention") await settleHandOff(context, record);
  }
}

/** Asks the target what became of a hand-off and acts on its answer; does nothing if it is still silent. */
async function settleHandOff(context: MigrationContext, record: MigrationRecord): Promise<void> {
  const peer = context.peer(record.target.url);
  if (!peer) return;
  let targetPhase: string;
  try {
    targetPhase = (await peer.status(record.id)).phase;
  } catch (error) {
    if (!(error instanceof AgentHttpError && error.status === 404)) return; // still unknown: keep waiting
    targetPhase = "unknown-to-target";
  }
  if (targetPhase === "completed") {
    await confirm(context, record, `hand-off confirmed late by ${record.target.name}`);
  } else if (targetPhase === "suspend" || targetPhase === "handoff") {
    try {
      await peer.finish(record.id);
      await confirm(context, record, `hand-off completed late by ${record.target.name}`);
    } catch (error) {
      context.log.warn({ migration: record.id, error: describe(error) }, "hand-off still unsettled");
    }
  } else {
    // The target does not run it and never will (its copy failed or is gone): the source runs it.
    await rollBack(
      context,
      record,
      peer,
      `hand-off did not happen: ${record.target.name} reports ${targetPhase}`,
    );
  }
}
