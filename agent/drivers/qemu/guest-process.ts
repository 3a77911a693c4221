import { CLOCK_TICKS_PER_SECOND, readProcessUsage } from "./machine-facts";
import type { QemuHandle } from "./qemu-process";
import { QmpError, type QmpEvent } from "./qmp-client";
import { queryStatus, type RunState } from "./qmp-commands";

/**
 * One running QEMU as the driver follows it: its run state (asked on every state event QEMU sends,
 * and once a second besides), the CPU its process uses, and its end. Reads of the state are
 * synchronous for the inventory, which the API answers without waiting on QEMU.
 */

/** Events after which the run state is asked again. */
const STATE_EVENTS = new Set(["STOP", "RESUME", "SHUTDOWN", "RESET", "SUSPEND", "WAKEUP", "MIGRATION"]);
const POLL_MS = 1000;

export type GuestRunState = RunState | "exited";

export class GuestProcess {
  private state: GuestRunState;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private cpuSample: { at: number; ticks: number } | undefined;
  private cpuUsedStrands = 0;
  private exitNote: string | undefined;

  private constructor(
    readonly handle: QemuHandle,
    initial: RunState,
  ) {
    this.state = initial;
    this.unsubscribe = handle.qmp.onEvent((event: QmpEvent) => {
      if (STATE_EVENTS.has(event.event)) void this.refresh();
    });
    this.timer = setInterval(() => {
      void this.refresh();
      this.sampleCpu();
    }, POLL_MS);
    this.timer.unref();
    this.sampleCpu();
    void handle.exited.then(() => {
      this.state = "exited";
      this.stopWatching();
    });
  }

  /** Starts following a QEMU whose QMP answers. */
  static async follow(handle: QemuHandle): Promise<GuestProcess> {
    const { status } = await queryStatus(handle.qmp);
    return new GuestProcess(handle, status);
  }

  get pid(): number {
    return this.handle.pid;
  }

  get runState(): GuestRunState {
    return this.state;
  }

  get running(): boolean {
    return this.state === "running";
  }

  get exited(): boolean {
    return this.state === "exited";
  }

  /** Strands' worth of CPU the QEMU process used over the last second. */
  get cpuUsed(): number {
    return this.cpuUsedStrands;
  }

  /** Why QEMU ended, when the driver ended it (otherwise it died on its own). */
  get endedBy(): string | undefined {
    return this.exitNote;
  }

  /** Asks QEMU its run state now. */
  async refresh(): Promise<GuestRunState> {
    if (this.state === "exited") return this.state;
    try {
      this.state = (await queryStatus(this.handle.qmp)).status;
    } catch (error) {
      // A QEMU that refuses the question is alive; one whose QMP closed is ending: `exited` follows.
      if (error instanceof QmpError) throw error;
    }
    return this.state;
  }

  /** Ends QEMU (quit, SIGKILL after a grace time) and waits until it is gone. */
  async stop(why: string): Promise<void> {
    this.exitNote ??= why;
    this.stopWatching();
    await this.handle.stop();
    this.state = "exited";
  }

  /** Lets go of QEMU and leaves it running (the agent stops; the guest does not). */
  detach(): void {
    this.stopWatching();
    this.handle.detach();
  }

  private stopWatching(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private sampleCpu(): void {
    const usage = readProcessUsage(this.handle.pid);
    if (!usage) return;
    const now = performance.now();
    if (this.cpuSample) {
      const seconds = (now - this.cpuSample.at) / 1000;
      const used = (usage.cpuTicks - this.cpuSample.ticks) / CLOCK_TICKS_PER_SECOND;
      if (seconds > 0) this.cpuUsedStrands = Math.max(0, used / seconds);
    }
    this.cpuSample = { at: now, ticks: usage.cpuTicks };
  }
}
