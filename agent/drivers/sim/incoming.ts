import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Server, Socket } from "node:net";
import { z } from "zod";
import type { StreamTls } from "../../auth/stream-tls";
import type { IncomingHooks } from "../driver";
import { listenForStream } from "../stream-transport";
import { DirtyBitmap } from "./dirty-bitmap";
import { FrameSocket } from "./frame-socket";
import { STALL_TIMEOUT_MS } from "./outgoing";
import { decodeJson, decodePagesFrame, encodeJsonFrame, type Frame, FrameType } from "./wire";

/**
 * Target side of the simulated state transfer: a listener opened for one migration only (as QEMU's
 * `-incoming`), that accepts the one source presenting the migration's secret (and, with TLS, a
 * certificate the agent's CA signed: stream-transport.ts), records which pages
 * arrived, and declares the transfer complete only when every page of the guest is there.
 */

const helloSchema = z.object({ migrationId: z.string(), secret: z.string() });
const progressSchema = z.object({
  round: z.number().int().nonnegative(),
  transferredBytes: z.number().nonnegative(),
  remainingBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  dirtyRateBytesPerSec: z.number().nonnegative(),
  expectedDowntimeMs: z.number().nonnegative(),
});

const CONNECT_TIMEOUT_MS = 60_000;

export class IncomingTransfer {
  readonly secret = randomBytes(24).toString("base64url");
  private server: Server | undefined;
  private peer: FrameSocket | undefined;
  private readonly received: DirtyBitmap;
  private ended = false;
  private connectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly migrationId: string,
    totalPages: number,
    private readonly hooks: IncomingHooks,
  ) {
    this.received = new DirtyBitmap(totalPages);
  }

  /** Opens the listener (TLS only, with `tls`); returns its port. */
  async listen(host: string, tls: StreamTls | undefined): Promise<number> {
    const { server, port } = await listenForStream(host, tls, (socket) => this.accept(socket));
    this.server = server;
    this.connectTimer = setTimeout(() => this.end("the source never connected"), CONNECT_TIMEOUT_MS);
    return port;
  }

  /** Stops listening and hangs up, without calling the hooks (the copy is being destroyed anyway). */
  close(): void {
    this.ended = true;
    this.shutdown();
  }

  private accept(socket: Socket): void {
    if (this.peer || this.ended) {
      socket.destroy();
      return;
    }
    const peer = new FrameSocket(socket, `source of migration ${this.migrationId}`);
    peer
      .next(10_000)
      .then((frame) => {
        if (!this.authenticates(frame)) {
          socket.destroy();
          return;
        }
        this.peer = peer;
        peer.failWhenStalled(STALL_TIMEOUT_MS);
        clearTimeout(this.connectTimer);
        this.server?.close();
        peer.onBroken((error) => this.end(error.message));
        peer.onFrame((next) => this.handle(next));
        return peer.write(encodeJsonFrame(FrameType.ready, {}));
      })
      .catch(() => socket.destroy());
  }

  private authenticates(frame: Frame): boolean {
    if (frame.type !== FrameType.hello) return false;
    const hello = helloSchema.safeParse(safeJson(frame));
    if (!hello.success || hello.data.migrationId !== this.migrationId) return false;
    const given = Buffer.from(hello.data.secret);
    const expected = Buffer.from(this.secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private handle(frame: Frame): void {
    if (this.ended) return;
    try {
      switch (frame.type) {
        case FrameType.pages:
          for (const [start, count] of decodePagesFrame(frame.payload, this.received.pages).runs) {
            this.received.markRange(start, count);
          }
          return;
        case FrameType.status:
          this.hooks.onProgress(progressSchema.parse(decodeJson(frame)));
          return;
        case FrameType.suspended:
          this.hooks.onSuspended();
          return;
        case FrameType.cancel:
          this.end("cancelled by the source", true);
          return;
        case FrameType.complete:
          this.complete();
          return;
        default:
          throw new Error(`unknown frame type ${frame.type}`);
      }
    } catch (error) {
      this.end(`bad data from the source: ${(error as Error).message}`);
    }
  }

  private complete(): void {
    const missing = this.received.pages - this.received.dirtyCount;
    if (missing > 0) {
      void this.peer?.write(
        encodeJsonFrame(FrameType.result, { ok: false, error: `${missing} pages never arrived` }),
      );
      this.end(`transfer ended with ${missing} pages missing`);
      return;
    }
    this.ended = true;
    const peer = this.peer;
    void this.hooks
      .onComplete()
      .then(() => peer?.write(encodeJsonFrame(FrameType.result, { ok: true })))
      .catch(() => {})
      .finally(() => this.shutdown());
  }

  private end(reason: string, cancelled = false): void {
    if (this.ended) return;
    this.ended = true;
    this.shutdown();
    this.hooks.onFailed(reason, cancelled);
  }

  private shutdown(): void {
    clearTimeout(this.connectTimer);
    this.server?.close();
    this.peer?.close();
  }
}

function safeJson(frame: Frame): unknown {
  try {
    return decodeJson(frame);
  } catch {
    return undefined;
  }
}
