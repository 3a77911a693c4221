import { setTimeout as sleep } from "node:timers/promises";
import type { TransferParams } from "../../../lib/schemas/peer";
import type { OutgoingHooks, TransferResult } from "../driver";
import { openControlLink } from "./control-link";
import type { GuestProcess } from "./guest-process";
import {
  FORCE_DOWNTIME_LIMIT_MS,
  nonConvergence,
  nonConvergenceMessage,
  type QemuStopReason,
  sourcePaused,
  transferProgress,
} from "./migration-progress";
import { hostForUri } from "./qemu-args";
import type { QmpClient } from "./qmp-client";
import { type MigrationInfo, queryMigrate } from "./qmp-commands";

/**
 * Source side of a QEMU migration: QEMU moves the guest (`migrate` to the target's `-incoming`
 * port, shaped by `migrate-set-parameters`); the agent follows it with `query-migrate`, reports
 * progress and the guest's pause, applies the model's stop rules, cancels on the hooks' signal, and
 * tells the target over the control link, whose answer on completion means the target recorded it.
 */

export interface QemuEndpoint {
  host: string;
  port: number;
  controlPort: number;
  secret: string;
}

export interface OutgoingTransfer {
  migrationId: string;
  guest: GuestProcess;
  endpoint: QemuEndpoint;
  params: TransferParams;
  warm: boolean;
  hooks: OutgoingHooks;
  /** Pauses the guest for a warm migration (and remembers that the migration did). */
  pauseGuest(): Promise<void>;
}

export type QemuTransferResult = TransferResult & { hypervisorDowntimeMs: number | null };

const POLL_MS = 200;
const LINK_TIMEOUT_MS = 30_000;
/** The target checks its QEMU holds everything and records it durably before answering. */
const ARRIVAL_ANSWER_TIMEOUT_MS = 60_000;

export async function sendGuest(transfer: OutgoingTransfer): Promise<QemuTransferResult> {
  const { guest, endpoint, hooks } = transfer;
  const qmp = guest.handle.qmp;
  const already = await queryMigrate(qmp);
  if (STREAMING.includes(already.status))
    throw new Error(`QEMU is already migrating this guest (${already.status})`);

  const link = await openControlLink({
    ...endpoint,
    port: endpoint.controlPort,
    migrationId: transfer.migrationId,
    timeoutMs: LINK_TIMEOUT_MS,
  });
  let pausedAt: number | null = null;
  const paused = () => {
    if (pausedAt !== null) return;
    pausedAt = performance.now();
    hooks.onSuspended();
    link.send({ type: "suspended" });
  };
  const unsubscribe = qmp.onEvent((event) => {
    if (event.event === "STOP") paused();
  });
  // A target that gave up, or whose agent went away, cannot take the guest: the stream is stopped.
  let linkBroken: string | undefined;
  link.onMessage((message) => {
    if (message.type === "abandon") linkBroken ??= `the target gave up: ${message.reason}`;
  });
  link.onClose((reason) => {
    linkBroken ??= `the target agent is gone (${reason})`;
  });
  try {
    if (transfer.warm) {
      await transfer.pauseGuest();
      paused();
    }
    await qmp.execute("migrate-set-parameters", {
      "max-bandwidth": Math.max(1, Math.round(transfer.params.bandwidthBytesPerSec)),
      // Warm too: a paused guest dirties nothing, so QEMU ends after one pass at this bandwidth
      // (a large limit would make it send everything at once, unshaped, in its stop-and-copy).
      "downtime-limit": Math.min(FORCE_DOWNTIME_LIMIT_MS, Math.round(transfer.params.downtimeLimitMs)),
    });
    await qmp.execute("migrate", { uri: `tcp:${hostForUri(endpoint.host)}:${endpoint.port}` });
    const { info, forced } = await follow(
      transfer,
      () => linkBroken,
      (info) => {
        const progress = transferProgress(info);
        if (progress && info.status === "active") {
          hooks.onProgress(progress);
          link.send({ type: "progress", progress });
        }
        if (sourcePaused(info, guest.runState)) paused();
      },
    );
    paused(); // a pause between two polls, with its STOP event lost, still counts
    const completedAt = performance.now();
    link.send({ type: "complete" });
    const answer = await link.next(ARRIVAL_ANSWER_TIMEOUT_MS);
    if (answer.type !== "result" || !answer.ok)
      throw new Error(
        `the target did not accept the migrated guest: ${answer.type === "result" ? (answer.error ?? "no reason given") : `unexpected ${answer.type}`}`,
      );
    const qemuDowntimeMs = info.downtimeMs ?? null;
    const now = performance.now();
    return {
      rounds: info.ram?.dirtySyncCount ?? 0,
      transferredBytes: info.ram?.transferred ?? 0,
      // The guest stays paused while the target confirms it holds everything: that is downtime too.
      stopAndCopyMs:
        transfer.warm && pausedAt !== null ? now - pausedAt : (qemuDowntimeMs ?? 0) + (now - completedAt),
      converged: transfer.warm || forced === null,
      stopReason: transfer.warm ? "suspended" : (forced ?? "downtime"),
      hypervisorDowntimeMs: qemuDowntimeMs,
    };
  } catch (error) {
    const reason = hooks.signal.aborted ? "cancelled by the source" : (error as Error).message;
    link.send({ type: "abandon", reason, cancelled: hooks.signal.aborted });
    throw error;
  } finally {
    unsubscribe();
    link.close();
  }
}

/** Polls QEMU until the migration ends; cancels it on the signal and applies the stop rules. */
async function follow(
  transfer: OutgoingTransfer,
  linkBroken: () => string | undefined,
  onInfo: (info: MigrationInfo) => void,
): Promise<{ info: MigrationInfo; forced: QemuStopReason | null }> {
  const { guest, hooks, params } = transfer;
  const qmp = guest.handle.qmp;
  let cancelled: Error | null = null;
  let forced: QemuStopReason | null = null;
  for (;;) {
    if (guest.exited) throw new Error("the source QEMU ended during the migration");
    if (hooks.signal.aborted && cancelled === null) {
      cancelled = hooks.signal.reason instanceof Error ? hooks.signal.reason : new Error("cancelled");
      await qmp.execute("migrate_cancel");
    }
    const broken = linkBroken();
    if (broken !== undefined && cancelled === null) {
      cancelled = new Error(broken);
      await qmp.execute("migrate_cancel");
    }
    const info = await queryMigrate(qmp);
    onInfo(info);
    if (info.status === "completed" && cancelled === null) return { info, forced };
    if (["completed", "cancelled", "failed"].includes(info.status) && cancelled !== null) throw cancelled;
    if (info.status === "failed")
      throw new Error(`QEMU's migration failed: ${info.error ?? "no reason given"}`);
    if (info.status === "cancelled") throw new Error("QEMU's migration was cancelled, not by this agent");
    const stop: QemuStopReason | null = forced === null && cancelled === null ? nonConvergence(info) : null;
    if (stop !== null) {
      const message = nonConvergenceMessage(stop, info, params.bandwidthBytesPerSec);
      if (params.onNoConvergence === "fail") {
        cancelled = new Error(message);
        await qmp.execute("migrate_cancel");
      } else {
        // Stop and copy what is left, however long the pause: QEMU does so once its limit allows it.
        forced = stop;
        await qmp.execute("migrate-set-parameters", { "downtime-limit": FORCE_DOWNTIME_LIMIT_MS });
      }
    }
    await sleep(POLL_MS);
  }
}

/** Migration states of a source QEMU in which a stream is still going out. */
const STREAMING = ["setup", "active", "cancelling", "device", "pre-switchover", "wait-unplug"];
const END_TIMEOUT_MS = 30_000;

/**
 * Cancels a stream still going out and waits until QEMU has let go of the guest: one left by an
 * agent that restarted mid-transfer (QEMU went on without it), before the guest is resumed.
 */
export async function endOutgoingStream(qmp: QmpClient, name: string): Promise<void> {
  const deadline = Date.now() + END_TIMEOUT_MS;
  for (let info = await queryMigrate(qmp); STREAMING.includes(info.status); info = await queryMigrate(qmp)) {
    if (info.status !== "cancelling") await qmp.execute("migrate_cancel");
    if (Date.now() > deadline)
      throw new Error(`the migration of ${name} does not end in QEMU (${info.status})`);
    await sleep(100);
  }
}
