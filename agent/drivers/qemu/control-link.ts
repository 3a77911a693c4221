import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Server, Socket } from "node:net";
import { z } from "zod";
import { describeStreamError, hungUpBeforeAccepting, type StreamTls } from "../../auth/stream-tls";
import { connectStream, listenForStream } from "../stream-transport";

/**
 * The two agents' own line beside QEMU's migration stream. QEMU tells the source when its side is
 * done, but the target agent must record the arrival durably before the source asks it to run the
 * guest, and must hear of a cancel or of the source agent's death. So the source says what QEMU
 * reports (progress, the pause, completion, giving up) and the target answers completion once recorded.
 * One JSON object a line; the first line proves the migration's secret, as the sim transport does.
 * With the agent's `tls`, the link is TLS with both agents' certificates (stream-transport.ts).
 */

const progressSchema = z.object({
  round: z.number().int().nonnegative(),
  transferredBytes: z.number().nonnegative(),
  remainingBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  dirtyRateBytesPerSec: z.number().nonnegative(),
  expectedDowntimeMs: z.number().nonnegative(),
});

export const linkMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), migrationId: z.string(), secret: z.string() }),
  z.object({ type: z.literal("ready") }),
  z.object({ type: z.literal("progress"), progress: progressSchema }),
  z.object({ type: z.literal("suspended") }),
  z.object({ type: z.literal("complete") }),
  /** Either side gives up before completion: a cancel (by an admin) or a failure, and why. */
  z.object({ type: z.literal("abandon"), reason: z.string().max(2000), cancelled: z.boolean() }),
  z.object({ type: z.literal("result"), ok: z.boolean(), error: z.string().optional() }),
]);
export type LinkMessage = z.infer<typeof linkMessageSchema>;

/** How long a closing end waits for its last words to leave before it drops the connection. */
const CLOSE_GRACE_MS = 2000;

/** Longest line accepted: every message is well under a kilobyte. */
const MAX_LINE = 16 * 1024;

interface Waiter {
  resolve(message: LinkMessage): void;
  reject(error: Error): void;
}

/** One end of the control link: messages in and out, and one notice when it breaks. */
export class ControlLink {
  private buffered = "";
  private readonly waiters: Waiter[] = [];
  private listener: ((message: LinkMessage) => void) | undefined;
  private closeListener: ((reason: string) => void) | undefined;
  private closedReason: string | undefined;

  constructor(
    private readonly socket: Socket,
    readonly peer: string,
  ) {
    socket.setEncoding("utf8");
    socket.setNoDelay(true);
    socket.on("data", (chunk: string) => this.receive(chunk));
    socket.on("error", (error) => this.closed(`link to ${peer} failed: ${describeStreamError(error)}`));
    socket.on("close", () => this.closed(`link to ${peer} closed`));
  }

  /** Whether the link broke or was closed (rather than a peer slow to answer). */
  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  send(message: LinkMessage): void {
    if (this.closedReason === undefined) this.socket.write(`${JSON.stringify(message)}\n`);
  }

  /** The next message, for request-answer steps; rejects on timeout or when the link breaks. */
  next(timeoutMs: number): Promise<LinkMessage> {
    if (this.closedReason !== undefined) return Promise.reject(new Error(this.closedReason));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.peer} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Every message not taken by `next`. */
  onMessage(listener: (message: LinkMessage) => void): void {
    this.listener = listener;
  }

  /** Called once when the link breaks or is closed, with why. */
  onClose(listener: (reason: string) => void): void {
    this.closeListener = listener;
    if (this.closedReason !== undefined) listener(this.closedReason);
  }

  /** Hangs up once what was sent is out (a last `abandon` must reach the peer). */
  close(): void {
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    if (this.buffered.length > MAX_LINE && !this.buffered.includes("\n")) {
      this.socket.destroy(new Error("line too long"));
      return;
    }
    for (let end = this.buffered.indexOf("\n"); end >= 0; end = this.buffered.indexOf("\n")) {
      const line = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      const message = parseLine(line);
      if (!message) {
        this.socket.destroy(new Error(`not a control message: ${line.slice(0, 100)}`));
        return;
      }
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(message);
      else this.listener?.(message);
    }
  }

  private closed(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(reason));
    this.closeListener?.(reason);
  }
}

function parseLine(line: string): LinkMessage | undefined {
  try {
    const parsed = linkMessageSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const HELLO_TIMEOUT_MS = 10_000;

/**
 * Target: a listener for one migration's source, open until that source has proved the secret.
 * Anyone else who connects is hung up on.
 */
export class ControlListener {
  readonly secret = randomBytes(24).toString("base64url");
  private server: Server | undefined;
  private accepted = false;

  constructor(
    private readonly migrationId: string,
    private readonly onLink: (link: ControlLink) => void,
  ) {}

  /** Opens the listener (TLS only, with `tls`); returns its port. */
  async listen(host: string, tls: StreamTls | undefined): Promise<number> {
    const { server, port } = await listenForStream(host, tls, (socket) => void this.accept(socket));
    this.server = server;
    return port;
  }

  close(): void {
    this.server?.close();
  }

  private async accept(socket: Socket): Promise<void> {
    const link = new ControlLink(socket, `source of migration ${this.migrationId}`);
    const hello = await link.next(HELLO_TIMEOUT_MS).catch(() => undefined);
    if (this.accepted || hello?.type !== "hello" || !this.authenticates(hello)) {
      link.close();
      return;
    }
    this.accepted = true;
    this.server?.close();
    link.send({ type: "ready" });
    this.onLink(link);
  }

  private authenticates(hello: { migrationId: string; secret: string }): boolean {
    if (hello.migrationId !== this.migrationId) return false;
    const given = Buffer.from(hello.secret);
    const expected = Buffer.from(this.secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** Source: connects to the target's listener and proves the migration's secret. */
export async function openControlLink(where: {
  host: string;
  port: number;
  migrationId: string;
  secret: string;
  /** The agent's certificates when the target's link takes TLS (streamTlsFor decided). */
  tls: StreamTls | undefined;
  timeoutMs: number;
}): Promise<ControlLink> {
  const name = `target ${where.host}:${where.port}`;
  const socket = await connectStream({ ...where, what: `the control link of ${name}` });
  const link = new ControlLink(socket, name);
  link.send({ type: "hello", migrationId: where.migrationId, secret: where.secret });
  const answer = await link.next(where.timeoutMs).catch((error: Error) => {
    throw where.tls && link.isClosed ? hungUpBeforeAccepting(`the control link of ${name}`) : error;
  });
  if (answer.type !== "ready") {
    link.close();
    throw new Error(`${name} refused the control link`);
  }
  return link;
}
