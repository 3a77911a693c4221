import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_QEMU_BINARY, type QemuLaunch, qemuArgs } from "./qemu-args";
import {
  checkRunDir,
  isAlive,
  isQemuOf,
  readPidFile,
  removeStaleFiles,
  runDirFiles,
  tailOf,
} from "./qemu-run-dir";
import { QmpClient } from "./qmp-client";

/**
 * One domain's QEMU as a process of its own: started detached (own session, output to files in its
 * run directory), so that an agent that stops or crashes leaves its guests running, and found again
 * from the run directory by the next agent (attachQemu).
 */

export type { QemuLaunch } from "./qemu-args";

export interface QemuHandle {
  readonly pid: number;
  readonly qmp: QmpClient;
  readonly runDir: string;
  readonly serialLog: string;
  /** Ends QEMU: quit over QMP, SIGKILL after a grace time. Idempotent. */
  stop(): Promise<void>;
  /** Lets go of QEMU without ending it (closes QMP, which serves one client at a time), e.g. to attach again. */
  detach(): void;
  readonly exited: Promise<void>;
}

const QMP_UP_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

export async function launchQemu(options: QemuLaunch): Promise<QemuHandle> {
  checkRunDir(options.runDir);
  await mkdir(options.runDir, { recursive: true });
  const files = runDirFiles(options.runDir);
  const running = await readPidFile(options.runDir);
  if (running !== null && isAlive(running) && (await isQemuOf(running, options.runDir))) {
    throw new Error(`a QEMU (pid ${running}) already runs in ${options.runDir}`);
  }
  await removeStaleFiles(options.runDir);

  const binary = options.qemuBinary ?? DEFAULT_QEMU_BINARY;
  const output = openSync(files.qemuLog, "w");
  const child = spawn(binary, qemuArgs(options), {
    detached: true,
    stdio: ["ignore", output, output],
    cwd: options.runDir,
  });
  closeSync(output);

  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exitReason = signal ? `killed by ${signal}` : `exited with status ${code}`;
      resolve();
    });
    child.once("error", (error) => {
      exitReason =
        (error as NodeJS.ErrnoException).code === "ENOENT"
          ? `${binary} not found (bash scripts/ensure-qemu.sh installs it)`
          : error.message;
      resolve();
    });
  });

  const qmp = await waitForQmp(files.qmpSocket, () => exitReason).catch(async (error: Error) => {
    // A QEMU that gives up (a missing kernel file) may accept the QMP connection and then close it
    // as it exits: give it a moment, so the reason given is its exit, not the socket's.
    if (exitReason === undefined) await Promise.race([exited, sleep(1000)]);
    const reason = exitReason ? `QEMU ${exitReason}` : error.message;
    if (child.pid !== undefined && exitReason === undefined) child.kill("SIGKILL");
    await exited;
    await removeStaleFiles(options.runDir);
    const tail = await tailOf(files.qemuLog);
    throw new Error(`QEMU for ${options.name} did not start: ${reason}${tail ? `\n${tail}` : ""}`);
  });
  if (child.pid === undefined) throw new Error(`QEMU for ${options.name} has no pid`);
  // Only now: until here the launch waits for the child, and an unreferenced child would let Node exit
  // under that wait. From now on the guest must not keep the agent alive.
  child.unref();
  return new QemuProcessHandle(child.pid, qmp, options.runDir, exited);
}

/** The QEMU of a run directory left by an earlier agent, or null (its stale files removed) when it is gone. */
export async function attachQemu(
  runDir: string,
  options: { timeoutMs?: number } = {},
): Promise<QemuHandle | null> {
  const pid = await readPidFile(runDir);
  if (pid === null || !isAlive(pid) || !(await isQemuOf(pid, runDir))) {
    await removeStaleFiles(runDir);
    return null;
  }
  const qmp = await QmpClient.connect(runDirFiles(runDir).qmpSocket, options);
  return new QemuProcessHandle(pid, qmp, runDir, pidGone(pid, qmp));
}

/** Connects once QEMU has opened its QMP socket; gives up when QEMU exits or takes too long. */
async function waitForQmp(socketPath: string, exitReason: () => string | undefined): Promise<QmpClient> {
  const deadline = Date.now() + QMP_UP_TIMEOUT_MS;
  for (;;) {
    const reason = exitReason();
    if (reason) throw new Error(`QEMU ${reason}`);
    try {
      return await QmpClient.connect(socketPath, { timeoutMs: Math.max(1_000, deadline - Date.now()) });
    } catch (error) {
      // Until QEMU has created and opened its socket, connecting fails with one of these.
      const notYet = /ENOENT|ECONNREFUSED/.test((error as Error).message);
      if (!notYet || Date.now() > deadline) throw error;
    }
    await sleep(50);
  }
}

/** When a QEMU we did not start ends: its QMP socket closes first, then the pid disappears. */
async function pidGone(pid: number, qmp: QmpClient): Promise<void> {
  await qmp.closed;
  while (isAlive(pid)) await sleep(100, undefined, { ref: false });
}

class QemuProcessHandle implements QemuHandle {
  readonly serialLog: string;
  private stopping: Promise<void> | undefined;

  constructor(
    readonly pid: number,
    readonly qmp: QmpClient,
    readonly runDir: string,
    readonly exited: Promise<void>,
  ) {
    this.serialLog = runDirFiles(runDir).serialLog;
  }

  stop(): Promise<void> {
    this.stopping ??= this.end();
    return this.stopping;
  }

  detach(): void {
    this.qmp.close();
  }

  private async end(): Promise<void> {
    // Ask QEMU first; without QMP (detached, broken) a SIGTERM is the same request.
    const asked = await this.qmp.execute("quit", undefined, { timeoutMs: 2_000 }).then(
      () => true,
      () => false,
    );
    if (!asked && isAlive(this.pid)) signal(this.pid, "SIGTERM");
    if (!(await settlesWithin(this.exited, STOP_GRACE_MS))) {
      signal(this.pid, "SIGKILL");
      while (!(await settlesWithin(this.exited, 1_000))) signal(this.pid, "SIGKILL");
    }
    this.qmp.close();
    await removeStaleFiles(this.runDir);
  }
}

/**
 * Whether `promise` settles within `ms`. The timer holds Node's event loop open meanwhile: neither
 * the unreferenced QEMU child nor the pid polling of an attached one does, and a stop must not end
 * with the agent exiting under it.
 */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
