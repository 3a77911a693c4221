import { AgentHttpError } from "../../lib/agent-client/errors";
import { isFinalPhase } from "../../lib/schemas/migration";
import type { MigrationContext } from "./migration-context";
import type { MigrationRecord } from "./migration-record";
import { confirm, destroyTargetCopy, errorText, rollBack } from "./source-side";
import { destroyCopy, runCopy } from "./target-side";

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
    // A copy that cannot run (its QEMU died with the agent away) fails here; the source then
    // resumes its own. Nothing here may keep the agent from starting.
    await runCopy(context, record).catch((error: Error) => {
      context.log.error(
        { migration: record.id, err: error },
        "hand-off not finished after the restart; the source asks again",
      );
    });
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
    if (record.targetFinishPending) await finishOnTarget(context, record);
    if (record.phase === "needs-attention") await settleHandOff(context, record);
  }
}

/** Asks the target what became of a hand-off and acts on its answer; does nothing while it is silent. */
async function settleHandOff(context: MigrationContext, record: MigrationRecord): Promise<void> {
  const peer = context.peer(record.target.url);
  if (!peer) return;
  let targetPhase: string;
  try {
    targetPhase = (await peer.status(record.id)).phase;
  } catch {
    return; // unreachable, or no longer knows the migration: still unknown, so nothing is done
  }
  // An admin may have settled it while we asked.
  if (record.phase !== "needs-attention") return;
  if (targetPhase === "completed") {
    await confirm(context, record, `hand-off confirmed late by ${record.target.name}`);
  } else if (targetPhase === "suspend" || targetPhase === "handoff") {
    try {
      await peer.finish(record.id);
      if (record.phase === "needs-attention") {
        await confirm(context, record, `hand-off completed late by ${record.target.name}`);
      }
    } catch (error) {
      context.log.warn({ migration: record.id, error: errorText(error) }, "hand-off still unsettled");
    }
  } else if (targetPhase === "failed" || targetPhase === "cancelled") {
    // The target does not run it and never will (its copy is gone): the source runs it.
    await rollBack(
      context,
      record,
      peer,
      `hand-off did not happen: ${record.target.name} reports ${targetPhase}`,
    );
  }
}

/**
 * The admin's decision when the target stays silent (its host is down for good, say). Keeping the
 * source resumes the domain there and destroys the target's copy when it is seen again; if the
 * target turns out to run it too, that is reported as a split brain, loudly, for the admin to end.
 */
export async function resolveByAdmin(
  context: MigrationContext,
  record: MigrationRecord,
  keep: "source" | "target",
): Promise<void> {
  context.log.warn({ migration: record.id, keep }, "hand-off resolved by an admin");
  if (keep === "target") {
    // If the target had not run it yet, it is told to once it answers: never zero running copies.
    record.targetFinishPending = true;
    await confirm(context, record, `an admin kept the domain on ${record.target.name}`);
    await finishOnTarget(context, record);
    return;
  }
  await rollBack(
    context,
    record,
    context.peer(record.target.url),
    `an admin resumed the domain on ${record.source.name}; ${record.target.name}'s copy is destroyed when it is seen again`,
  );
}

/** Tells the target to run the domain an admin kept there; retried until the target answers. */
async function finishOnTarget(context: MigrationContext, record: MigrationRecord): Promise<void> {
  const peer = context.peer(record.target.url);
  if (!peer) return;
  try {
    await peer.finish(record.id);
  } catch (error) {
    if (!(error instanceof AgentHttpError && error.status < 500)) return; // not reachable yet: retry later
    record.error = `NO RUNNING COPY: ${record.target.name} cannot run ${record.targetName}: ${error.message}`;
    context.log.error({ migration: record.id, domain: record.domain }, record.error);
  }
  record.targetFinishPending = false;
  await context.store.save(record);
}
