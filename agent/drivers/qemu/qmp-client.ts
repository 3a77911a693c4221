import { connect, type Socket } from "node:net";
import { parseQmpLine, type QmpEvent, type QmpMessage } from "./qmp-messages";

/**
 * A client of QEMU's machine protocol (QMP) over its unix socket: one JSON object a line each way.
 * Commands carry ids and answers are matched by id; everything without an id is an event or the
 * greeting. Written by hand: QMP is small, and npm has no well-kept client of it.
 */

export type { QmpEvent } from "./qmp-messages";

/** QEMU refused a command. */
export class QmpError extends Error {
  /** QMP's error class, e.g. "GenericError" or "CommandNotFound". */
  readonly class: string;
  readonly desc: string;

  constructor(
    readonly command: string,
    errorClass: string,
    desc: string,
  ) {
    super(`QMP ${command} failed: ${desc} (${errorClass})`);
    this.name = "QmpError";
    this.class = errorClass;
    this.desc = desc;
  }
}

export interface QmpClientOptions {
  /** How long the greeting and each command may take; 10 s unless given. */
  timeoutMs?: number;
}

interface Pending {
  command: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class QmpClient {
  readonly closed: Promise<void>;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(event: QmpEvent) => void>();
  private buffered = "";
  private nextId = 1;
  private closeReason: Error | undefined;
  private greeted: ((error?: Error) => void) | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly socketPath: string,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.receive(chunk));
    this.closed = new Promise((resolve) => {
      socket.on("close", () => {
        this.fail(new Error(`QMP connection to ${socketPath} closed`));
        resolve();
      });
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // QEMU exiting resets the connection rather than closing it: the same end, said the same way.
      const ended = error.code === "ECONNRESET" || error.code === "EPIPE";
      const what = ended ? `closed (${error.code})` : `failed: ${error.message}`;
      this.fail(new Error(`QMP connection to ${socketPath} ${what}`));
    });
  }

  /** Connects, waits for QEMU's greeting and leaves capabilities negotiation, so commands can run. */
  static async connect(socketPath: string, options: QmpClientOptions = {}): Promise<QmpClient> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const socket = connect(socketPath);
    const client = new QmpClient(socket, socketPath, timeoutMs);
    try {
      await client.greeting();
      await client.execute("qmp_capabilities");
      return client;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** Runs a command; resolves with its `return` value, rejects with QmpError when QEMU refuses it. */
  execute<T = unknown>(
    command: string,
    args?: Record<string, unknown>,
    options: QmpClientOptions = {},
  ): Promise<T> {
    if (this.closeReason) return Promise.reject(this.closeReason);
    const id = `ballast-${this.nextId++}`;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`QMP ${command} got no answer within ${timeoutMs} ms from ${this.socketPath}`));
      }, timeoutMs);
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer });
      const message =
        args === undefined ? { execute: command, id } : { execute: command, arguments: args, id };
      this.socket.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Calls `listener` with every asynchronous event QEMU sends; returns the unsubscribe function. */
  onEvent(listener: (event: QmpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.fail(new Error(`QMP connection to ${this.socketPath} was closed by this client`));
    this.socket.destroy();
  }

  private greeting(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // QEMU serves one QMP client at a time: a second one waits, unanswered, for the first to leave.
        const why = "is another client connected to this socket?";
        reject(new Error(`no QMP greeting within ${this.timeoutMs} ms on ${this.socketPath}; ${why}`));
      }, this.timeoutMs);
      this.greeted = (error) => {
        clearTimeout(timer);
        this.greeted = undefined;
        if (error) reject(error);
        else resolve();
      };
    });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    for (let newline = this.buffered.indexOf("\n"); newline >= 0; newline = this.buffered.indexOf("\n")) {
      const line = this.buffered.slice(0, newline).trim();
      this.buffered = this.buffered.slice(newline + 1);
      if (line) this.handle(parseQmpLine(line));
    }
  }

  private handle(message: QmpMessage): void {
    switch (message.kind) {
      case "greeting":
        this.greeted?.();
        return;
      case "event":
        for (const listener of this.listeners) listener(message.event);
        return;
      case "return":
      case "error": {
        const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiting) return; // the answer to a command that already timed out
        this.pending.delete(message.id as string);
        clearTimeout(waiting.timer);
        if (message.kind === "return") waiting.resolve(message.value);
        else waiting.reject(new QmpError(waiting.command, message.class, message.desc));
        return;
      }
      case "malformed":
        this.socket.destroy(new Error(`QEMU sent what is not QMP: ${message.line.slice(0, 200)}`));
    }
  }

  private fail(reason: Error): void {
    if (this.closeReason) return;
    this.closeReason = reason;
    this.greeted?.(reason);
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      waiting.reject(new Error(`QMP ${waiting.command} was not answered: ${reason.message}`));
    }
  }
}
