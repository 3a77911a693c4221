import { setTimeout as sleep } from "node:timers/promises";
import type { TransferParams } from "../../../lib/schemas/peer";
import type { StreamTls } from "../../auth/stream-tls";
import type { OutgoingHooks, TransferResult } from "../driver";
import { openControlLink } from "./control-link";
import type { GuestProcess } from "./guest-process";
import {
  FORCE_DOWNTIME_LIMIT_MS,
  nonConvergence,
  nonConvergenceMessage,
  PollWake,
  precopyRound,
  type QemuStopReason,
  sourcePaused,
  stopAndCopyTime,
  transferProgress,
  wakesFollower,
} from "./migration-progress";
import { configureMigrationTls } from "./migration-tls";
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
  /** The guest's run directory: QEMU's TLS credentials are written there. */
  runDir: string;
  /** The agent's certificates when the target takes TLS (streamTlsFor decided): link and stream both. */
  tls: StreamTls | undefined;
  endpoint: QemuEndpoint;
  params: TransferParams;
  warm: boolean;
  hooks: OutgoingHooks;
  /** Pauses the guest for a warm migration (and remembers that the migration did). */
  pauseGuest(): Promise<void>;
}

export type QemuTransferResult = TransferResult & {
  hypervisorDowntimeMs: number | null;
  /** From seeing QEMU's migration completed to the target's answer that it holds everything. */
  arrivalMs: number;
};

/** The progress poll; QEMU's STOP and MIGRATION (ended) events cut it short. */
const POLL_MS = 200;
/** Once a live migration's guest is paused, QEMU is asked this often whether it is done. */
const PAUSED_POLL_MS = 10;
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
    tls: transfer.tls,
    timeoutMs: LINK_TIMEOUT_MS,
  });
  let pausedAt: number | null = null;
  const paused = () => {
    if (pausedAt !== null) return;
    pausedAt = performance.now();
    hooks.onSuspended();
    link.send({ type: "suspended" });
  };
  // QEMU's events wake the poll at once: the target stays paused until the source sees QEMU done.
  const wake = new PollWake();
  const unsubscribe = qmp.onEvent((event) => {
    if (event.event === "STOP") paused();
    if (wakesFollower(event)) wake.wake();
  });
  const onAbort = () => wake.wake();
  hooks.signal.addEventListener("abort", onAbort);
  // A target that gave up, or whose agent went away, cannot take the guest: the stream is stopped.
  let linkBroken: string | undefined;
  link.onMessage((message) => {
    if (message.type === "abandon") linkBroken ??= `the target gave up: ${message.reason}`;
    wake.wake();
  });
  link.onClose((reason) => {
    linkBroken ??= `the target agent is gone (${reason})`;
    wake.wake();
  });
  try {
    if (transfer.warm) {
      await transfer.pauseGuest();
      paused();
    }
    // MIGRATION events tell the end of the migration as it happens (QEMU sends none without this).
    await qmp.execute("migrate-set-capabilities", {
      capabilities: [{ capability: "events", state: true }],
    });
    await qmp.execute("migrate-set-parameters", {
      "max-bandwidth": Math.max(1, Math.round(transfer.params.bandwidthBytesPerSec)),
      // Warm too: a paused guest dirties nothing, so QEMU ends after one pass at this bandwidth
      // (a large limit would make it send everything at once, unshaped, in its stop-and-copy).
      "downtime-limit": Math.min(FORCE_DOWNTIME_LIMIT_MS, Math.round(transfer.params.downtimeLimitMs)),
    });
    // The target's QEMU checks this QEMU's certificate; this one checks the target's and its address.
    await configureMigrationTls(
      qmp,
      transfer.runDir,
      transfer.tls && { role: "client", tls: transfer.tls, hostname: endpoint.host },
    );
    await qmp.execute("migrate", { uri: `tcp:${hostForUri(endpoint.host)}:${endpoint.port}` });
    let expectedDowntimeMs = 0;
    const { info, forced } = await follow(transfer, {
      linkBroken: () => linkBroken,
      // A live guest paused for the stop-and-copy: QEMU is asked often until it is done.
      pollMs: () => (pausedAt !== null && !transfer.warm ? PAUSED_POLL_MS : POLL_MS),
      wake,
      onInfo: (info) => {
        const progress = transferProgress(info);
        // The completed answer carries QEMU's final rounds and bytes: the record ends with them.
        if (progress && (info.status === "active" || info.status === "completed")) {
          if (info.status === "active") expectedDowntimeMs = progress.expectedDowntimeMs;
          else progress.expectedDowntimeMs = expectedDowntimeMs;
          hooks.onProgress(progress);
          link.send({ type: "progress", progress });
        }
        if (sourcePaused(info, guest.runState)) paused();
      },
    });
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
      // A warm migration is one pass over a paused guest, whatever QEMU counts.
      rounds: transfer.warm ? 1 : precopyRound(info),
      transferredBytes: info.ram?.transferred ?? 0,
      // From the pause to the target's answer: the guest stays paused while the target confirms.
      stopAndCopyMs: stopAndCopyTime({ warm: transfer.warm, pausedAt, completedAt, now, qemuDowntimeMs }),
      converged: transfer.warm || forced === null,
      stopReason: transfer.warm ? "suspended" : (forced ?? "downtime"),
      hypervisorDowntimeMs: qemuDowntimeMs,
      arrivalMs: now - completedAt,
    };
  } catch (error) {
    const reason = hooks.signal.aborted ? "cancelled by the source" : (error as Error).message;
    link.send({ type: "abandon", reason, cancelled: hooks.signal.aborted });
    throw error;
  } finally {
    unsubscribe();
    hooks.signal.removeEventListener("abort", onAbort);
    link.close();
  }
}

interface Following {
  linkBroken(): string | undefined;
  /** How long to wait before the next `query-migrate`, unless woken. */
  pollMs(): number;
  wake: PollWake;
  onInfo(info: MigrationInfo): void;
}

/** Polls QEMU until the migration ends; cancels it on the signal and applies the stop rules. */
async function follow(
  transfer: OutgoingTransfer,
  { linkBroken, pollMs, wake, onInfo }: Following,
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
    await wake.sleep(pollMs());
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
