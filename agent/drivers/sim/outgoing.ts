import { z } from "zod";
import { hungUpBeforeAccepting, type StreamTls } from "../../auth/stream-tls";
import type { TransferProgress, TransferResult } from "../driver";
import { connectStream } from "../stream-transport";
import type { SimClock } from "./clock";
import { FrameSocket } from "./frame-socket";
import { type EngineOptions, runPrecopy } from "./precopy-engine";
import { decodeJson, encodeJsonFrame, encodePagesFrame, FrameType } from "./wire";

/** Source side of the simulated state transfer: connect to the target's endpoint and run pre-copy over it. */

export interface OutgoingTransfer {
  host: string;
  port: number;
  secret: string;
  /** The agent's certificates when the target's stream takes TLS (streamTlsFor decided). */
  tls: StreamTls | undefined;
  migrationId: string;
  engine: EngineOptions;
  clock: SimClock;
  /** Bytes put on the wire per byte of guest memory sent. */
  wireScale: number;
  signal: AbortSignal;
  /** Pauses the guest on this host. */
  suspendGuest(): Promise<void>;
  onSuspended(): void;
  onProgress(progress: TransferProgress): void;
}

const ANSWER_TIMEOUT_MS = 30_000;
/** A transfer during which nothing moves for this long has failed (a frozen or unplugged target). */
export const STALL_TIMEOUT_MS = 15_000;
const STATUS_EVERY_MS = 200;
const resultSchema = z.object({ ok: z.boolean(), error: z.string().optional() });

export async function sendState(transfer: OutgoingTransfer): Promise<TransferResult> {
  const peer = await open(transfer);
  const onAbort = () => {
    // Tell the target it is a cancel, not a crash, then hang up: it destroys its copy either way.
    void peer.write(encodeJsonFrame(FrameType.cancel, { reason: "cancelled by the source" })).catch(() => {});
    peer.close();
  };
  transfer.signal.addEventListener("abort", onAbort, { once: true });
  try {
    let lastStatus = 0;
    const result = await runPrecopy(
      transfer.engine,
      transfer.clock,
      {
        sendPages: (round, runs, bytes) =>
          peer.write(encodePagesFrame(round, runs, bytes * transfer.wireScale)),
        suspend: async () => {
          await transfer.suspendGuest();
          await peer.write(encodeJsonFrame(FrameType.suspended, {}));
          transfer.onSuspended();
        },
        status: (progress) => {
          transfer.onProgress(progress);
          const now = performance.now();
          if (now - lastStatus < STATUS_EVERY_MS) return;
          lastStatus = now;
          void peer.write(encodeJsonFrame(FrameType.status, progress)).catch(() => {});
        },
      },
      transfer.signal,
    );
    await peer.write(
      encodeJsonFrame(FrameType.complete, {
        rounds: result.rounds,
        transferredBytes: result.transferredBytes,
      }),
    );
    const answer = await peer.next(ANSWER_TIMEOUT_MS);
    const verdict = resultSchema.parse(
      answer.type === FrameType.result ? decodeJson(answer) : { ok: false, error: "unexpected frame" },
    );
    if (!verdict.ok)
      throw new Error(`target rejected the transferred state: ${verdict.error ?? "no reason given"}`);
    return result;
  } finally {
    transfer.signal.removeEventListener("abort", onAbort);
    peer.close();
  }
}

async function open(transfer: OutgoingTransfer): Promise<FrameSocket> {
  const where = `target ${transfer.host}:${transfer.port}`;
  const socket = await connectStream({
    host: transfer.host,
    port: transfer.port,
    tls: transfer.tls,
    timeoutMs: ANSWER_TIMEOUT_MS,
    what: where,
  });
  const peer = new FrameSocket(socket, where);
  peer.failWhenStalled(STALL_TIMEOUT_MS);
  await peer.write(
    encodeJsonFrame(FrameType.hello, { migrationId: transfer.migrationId, secret: transfer.secret }),
  );
  const ready = await peer.next(ANSWER_TIMEOUT_MS).catch((error: Error) => {
    throw transfer.tls && peer.broken ? hungUpBeforeAccepting(where) : error;
  });
  if (ready.type !== FrameType.ready) throw new Error(`${where} refused the transfer`);
  return peer;
}
