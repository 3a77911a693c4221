import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { GUEST_READY_LINE, type GuestImage, guestWorkloadArgs } from "../../agent/drivers/qemu/guest-image";
import { precopyRound } from "../../agent/drivers/qemu/migration-progress";
import { launchQemu, type QemuHandle } from "../../agent/drivers/qemu/qemu-process";
import { isAlive, readPidFile } from "../../agent/drivers/qemu/qemu-run-dir";
import { queryMigrate } from "../../agent/drivers/qemu/qmp-commands";
import { findFreePorts } from "../../cluster/free-ports";
import type { BenchCase, BenchOptions } from "./cases";
import { between, failedRun, type RunResult } from "./run-result";

/**
 * The direct path: the same migration with no agent at all, as a person would drive it over QMP.
 * The guest is a QEMU started by the same code the driver uses (same command line); each
 * migration starts a new target QEMU with -incoming, sets the same limits, `migrate`s, polls
 * query-migrate until completed and ends the source, so the guest moves on from copy to copy as
 * the agents' guest moves between hosts.
 */

const LOOPBACK = "127.0.0.1";
const MiB = 1024 * 1024;
/** Fine enough that noticing the end adds next to nothing to the direct figure. */
const POLL_MS = 25;

export class DirectGuest {
  private copies = 0;

  private constructor(
    private readonly root: string,
    private readonly image: GuestImage,
    private readonly benchCase: BenchCase,
    private readonly options: BenchOptions,
    private current: QemuHandle,
  ) {}

  /** Starts the first copy, in `root` (the caller's, removed by it); resolves once its workload runs. */
  static async start(root: string, image: GuestImage, c: BenchCase, options: BenchOptions) {
    const first = await launchQemu(launchOptions(root, "copy0", image, c));
    const guest = new DirectGuest(root, image, c, options, first);
    const deadline = Date.now() + options.bootTimeoutMs;
    while (!(await readFile(first.serialLog, "utf8").catch(() => "")).includes(GUEST_READY_LINE)) {
      if (Date.now() > deadline) {
        await guest.stop();
        throw new Error("the direct guest did not run its workload within the boot timeout");
      }
      await sleep(200);
    }
    return guest;
  }

  async migrate(): Promise<RunResult> {
    const c = this.benchCase;
    const source = this.current;
    const startedAt = Date.now();
    const [port] = await findFreePorts(LOOPBACK, 0, 1);
    if (port === undefined) throw new Error("no free port on loopback");
    const name = `copy${++this.copies}`;
    const target = await launchQemu({
      ...launchOptions(this.root, name, this.image, c),
      incoming: { host: LOOPBACK, port },
    });
    const launchedAt = Date.now();
    const stopped = nextEvent(source, "STOP");
    const resumed = nextEvent(target, "RESUME");
    try {
      await source.qmp.execute("migrate-set-parameters", {
        "max-bandwidth": c.bandwidthMiBps * MiB,
        "downtime-limit": c.downtimeLimitMs,
      });
      await source.qmp.execute("migrate", { uri: `tcp:${LOOPBACK}:${port}` });
      const deadline = Date.now() + this.options.migrationTimeoutMs;
      let info = await queryMigrate(source.qmp);
      while (info.status !== "completed") {
        if (info.status === "failed" || info.status === "cancelled")
          throw new Error(`QEMU's migration ${info.status}: ${info.error ?? "no reason given"}`);
        if (Date.now() > deadline) throw new Error(`still ${info.status} at the timeout`);
        await sleep(POLL_MS);
        info = await queryMigrate(source.qmp);
      }
      const seenAt = Date.now();
      const [stopAt, resumeAt] = await Promise.all([stopped, resumed]);
      await this.end(source);
      this.current = target;
      const endedAt = Date.now();
      return {
        path: "direct",
        error: null,
        totalMs: endedAt - startedAt,
        qemuTotalMs: info.totalTimeMs ?? null,
        rounds: precopyRound(info),
        qemuDowntimeMs: info.downtimeMs ?? null,
        pauseMs: between(stopAt, resumeAt),
        reportedDowntimeMs: null,
        sentBytes: info.ram?.transferred ?? 0,
        steps: {
          before: 0,
          target: launchedAt - startedAt,
          migrate: seenAt - launchedAt,
          arrival: 0,
          handoff: 0,
          end: endedAt - seenAt,
        },
        prediction: null,
        recordedMs: null,
      };
    } catch (error) {
      // The source runs on (QEMU resumes a guest whose migration failed); the target copy goes.
      await source.qmp.execute("migrate_cancel").catch(() => {});
      await this.end(target);
      return failedRun("direct", error, Date.now() - startedAt);
    }
  }

  /** Ends the current copy; also kills, by pidfile, any copy left behind. Idempotent. */
  async stop(): Promise<void> {
    await this.current.stop().catch(() => {});
    for (let copy = 0; copy <= this.copies; copy++) {
      const pid = await readPidFile(join(this.root, `copy${copy}`));
      if (pid !== null && isAlive(pid)) process.kill(pid, "SIGKILL");
    }
  }

  private async end(handle: QemuHandle): Promise<void> {
    await handle.stop();
    await rm(handle.runDir, { recursive: true, force: true });
  }
}

function launchOptions(root: string, name: string, image: GuestImage, c: BenchCase) {
  return {
    name: "bench-direct",
    runDir: join(root, name),
    memoryMiB: c.memoryMiB,
    vcpus: 1,
    image,
    append: guestWorkloadArgs({ dirtyMiBps: c.dirtyMiBps, wssMiB: c.wssMiB }),
  };
}

/** Epoch ms of the next such event (QEMU's own timestamp), or null when none comes within a minute. */
function nextEvent(handle: QemuHandle, name: string): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), 60_000);
    timer.unref();
    const unsubscribe = handle.qmp.onEvent((event) => {
      if (event.event === name) done(event.timestamp.seconds * 1000 + event.timestamp.microseconds / 1000);
    });
    function done(at: number | null) {
      clearTimeout(timer);
      unsubscribe();
      resolve(at);
    }
  });
}
