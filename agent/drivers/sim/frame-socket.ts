import type { Socket } from "node:net";
import { describeStreamError } from "../../auth/stream-tls";
import { type Frame, FrameReader } from "./wire";

/**
 * A framed, promise-based view of one TCP connection: writes wait for the socket to drain (so the
 * sender feels real back-pressure), reads wait for the next frame, and a broken connection fails
 * every waiting and later call with the same error.
 */
export class FrameSocket {
  private readonly reader = new FrameReader();
  private readonly frames: Frame[] = [];
  private waiting: { resolve(frame: Frame): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;
  private listener: ((frame: Frame) => void) | undefined;
  private brokenListener: ((error: Error) => void) | undefined;

  constructor(
    readonly socket: Socket,
    private readonly describePeer: string,
  ) {
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const frame of this.reader.push(chunk)) this.deliver(frame);
      } catch (error) {
        this.fail(new Error(`malformed data from ${describePeer}: ${(error as Error).message}`));
        socket.destroy();
      }
    });
    socket.on("error", (error) =>
      this.fail(new Error(`connection to ${describePeer} failed: ${describeStreamError(error)}`)),
    );
    socket.on("close", () => this.fail(new Error(`connection to ${describePeer} lost`)));
  }

  /** Breaks the connection when nothing moves either way for `ms`: a frozen peer is a failed peer. */
  failWhenStalled(ms: number): void {
    this.socket.setTimeout(ms, () => this.socket.destroy(new Error(`nothing moved for ${ms / 1000} s`)));
  }

  get broken(): Error | undefined {
    return this.failure;
  }

  async write(data: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.socket.write(data)) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        this.socket.off("close", onClose);
        resolve();
      };
      const onClose = () => {
        this.socket.off("drain", onDrain);
        reject(this.failure ?? new Error(`connection to ${this.describePeer} lost`));
      };
      this.socket.once("drain", onDrain);
      this.socket.once("close", onClose);
    });
  }

  async next(timeoutMs: number): Promise<Frame> {
    const queued = this.frames.shift();
    if (queued) return queued;
    if (this.failure) throw this.failure;
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`${this.describePeer} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = {
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  onFrame(listener: (frame: Frame) => void): void {
    this.listener = listener;
    for (const frame of this.frames.splice(0)) listener(frame);
  }

  onBroken(listener: (error: Error) => void): void {
    this.brokenListener = listener;
    if (this.failure) listener(this.failure);
  }

  close(): void {
    this.socket.end();
    this.socket.destroySoon?.();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private deliver(frame: Frame): void {
    if (this.listener) this.listener(frame);
    else if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve(frame);
    } else this.frames.push(frame);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = undefined;
    this.brokenListener?.(error);
  }
}
