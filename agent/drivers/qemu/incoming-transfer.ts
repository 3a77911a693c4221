import { setTimeout as sleep } from "node:timers/promises";
import type { StreamTls } from "../../auth/stream-tls";
import type { IncomingHooks } from "../driver";
import { type ControlLink, ControlListener, type LinkMessage } from "./control-link";
import type { GuestProcess } from "./guest-process";
import { queryMigrate, queryStatus } from "./qmp-commands";

/**
 * Target side of a QEMU migration: the incoming QEMU (started with its CPUs stopped, `-S`, and
 * listening where migrate-incoming put it) and the control link the source agent reports on. The
 * transfer is complete only when the source says QEMU finished and this QEMU confirms it loaded
 * everything; it has failed when the source gives up or hangs up first, or when this QEMU ends (a
 * broken stream ends an incoming QEMU).
 */

/** How long the source has to connect once the endpoint is handed out. */
const CONNECT_TIMEOUT_MS = 60_000;
/** The target's QEMU finishes loading moments after the source's says it sent everything. */
const ARRIVAL_TIMEOUT_MS = 30_000;

export class IncomingTransfer {
  private readonly listener: ControlListener;
  private link: ControlLink | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private ended = false;
  private arrived = false;

  constructor(
    migrationId: string,
    private readonly guest: GuestProcess,
    private readonly hooks: IncomingHooks,
  ) {
    this.listener = new ControlListener(migrationId, (link) => this.attach(link));
    void guest.handle.exited.then(() =>
      this.end(`the incoming QEMU ${guest.endedBy ? `was ended (${guest.endedBy})` : "exited"}`),
    );
  }

  get secret(): string {
    return this.listener.secret;
  }

  /** Opens the control listener (TLS only, with `tls`); returns its port. */
  async listen(host: string, tls: StreamTls | undefined): Promise<number> {
    const port = await this.listener.listen(host, tls);
    this.connectTimer = setTimeout(() => this.end("the source never connected"), CONNECT_TIMEOUT_MS);
    this.connectTimer.unref();
    return port;
  }

  /** Stops listening and hangs up without calling the hooks (the copy is being destroyed or run). */
  close(): void {
    this.ended = true;
    this.shutdown();
  }

  private attach(link: ControlLink): void {
    clearTimeout(this.connectTimer);
    this.link = link;
    link.onMessage((message) => this.handle(message));
    link.onClose((reason) => {
      if (!this.arrived) this.end(`the source hung up before the transfer completed: ${reason}`);
    });
  }

  private handle(message: LinkMessage): void {
    if (this.ended) return;
    switch (message.type) {
      case "progress":
        this.hooks.onProgress(message.progress);
        return;
      case "suspended":
        this.hooks.onSuspended();
        return;
      case "complete":
        void this.complete();
        return;
      case "abandon":
        this.end(message.reason, message.cancelled);
        return;
      default:
        this.end(`unexpected ${message.type} from the source`);
    }
  }

  private async complete(): Promise<void> {
    try {
      await this.waitForArrival();
    } catch (error) {
      const reason = `the guest's state did not arrive whole: ${(error as Error).message}`;
      this.link?.send({ type: "result", ok: false, error: reason });
      this.end(reason);
      return;
    }
    this.arrived = true;
    try {
      await this.hooks.onComplete();
      this.link?.send({ type: "result", ok: true });
    } catch (error) {
      this.link?.send({ type: "result", ok: false, error: (error as Error).message });
    }
  }

  /** This QEMU loaded the whole stream and sits paused, waiting to be told to run. */
  private async waitForArrival(): Promise<void> {
    const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
    for (;;) {
      if (this.guest.exited) throw new Error("the incoming QEMU ended");
      const [migration, status] = await Promise.all([
        queryMigrate(this.guest.handle.qmp),
        queryStatus(this.guest.handle.qmp),
      ]);
      if (migration.status === "failed") throw new Error("the incoming QEMU failed to load it");
      if (migration.status === "completed" && status.status !== "inmigrate") {
        if (status.running) throw new Error("the incoming QEMU started the guest on its own");
        return;
      }
      if (Date.now() > deadline)
        throw new Error(
          `still ${migration.status}/${status.status} ${ARRIVAL_TIMEOUT_MS} ms after the source finished`,
        );
      await sleep(50);
    }
  }

  private end(reason: string, cancelled = false): void {
    if (this.ended || this.arrived) return;
    this.ended = true;
    // The source stops its stream at once, and knows why.
    this.link?.send({ type: "abandon", reason, cancelled });
    this.shutdown();
    this.hooks.onFailed(reason, cancelled);
  }

  private shutdown(): void {
    clearTimeout(this.connectTimer);
    this.listener.close();
    this.link?.close();
  }
}
