import { existsSync, readFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";

/**
 * Everything one domain's QEMU needs and leaves lives in its run directory, so that an agent started
 * again finds the process (pidfile), talks to it (QMP socket) and reads what it said (logs).
 */

export interface RunDirFiles {
  qmpSocket: string;
  pidFile: string;
  serialLog: string;
  /** QEMU's own stdout and stderr: where it says why it did not start. */
  qemuLog: string;
}

/** Linux's limit for a unix socket's path (sun_path), less the terminating NUL. */
const MAX_SOCKET_PATH = 107;

export function runDirFiles(runDir: string): RunDirFiles {
  return {
    qmpSocket: join(runDir, "qmp.sock"),
    pidFile: join(runDir, "qemu.pid"),
    serialLog: join(runDir, "serial.log"),
    qemuLog: join(runDir, "qemu.log"),
  };
}

/** Paths QEMU's command line can carry: its option syntax splits at commas, and unix sockets have a length limit. */
export function checkRunDir(runDir: string): void {
  if (runDir.includes(",")) throw new Error(`a QEMU run directory cannot contain a comma: ${runDir}`);
  const socket = runDirFiles(runDir).qmpSocket;
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    throw new Error(
      `QMP socket path longer than ${MAX_SOCKET_PATH} bytes, choose a shorter run directory: ${socket}`,
    );
  }
}

/** The pid QEMU wrote, or null when there is no readable pidfile. */
export async function readPidFile(runDir: string): Promise<number | null> {
  const text = await readFile(runDirFiles(runDir).pidFile, "utf8").catch(() => "");
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Whether the process still runs. A zombie does not: a QEMU left by an earlier agent belongs to
 * whatever adopted it, and if that never reaps it, the pid stays in the table after QEMU ended.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // The state follows the command name in parentheses, which may itself hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch (error) {
    // Gone in between, unless there is no /proc at all: then the signal's answer stands.
    return (error as NodeJS.ErrnoException).code !== "ENOENT" || !existsSync("/proc/self");
  }
}

/**
 * Whether `pid` is the QEMU of this run directory rather than an unrelated process that got the
 * pid of one long gone: its command line names our QMP socket.
 */
export async function isQemuOf(pid: number, runDir: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => undefined);
  if (cmdline === undefined) return isAlive(pid); // no /proc: trust the pid, QMP will tell
  return cmdline.split("\0").some((arg) => arg.startsWith(`unix:${runDirFiles(runDir).qmpSocket},`));
}

/** Removes what a QEMU that is gone left behind: its pidfile and socket (logs stay for the curious). */
export async function removeStaleFiles(runDir: string): Promise<void> {
  const files = runDirFiles(runDir);
  await Promise.all([rm(files.pidFile, { force: true }), rm(files.qmpSocket, { force: true })]);
}

/** The last lines of a log, for error messages. */
export async function tailOf(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
