import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ensureGuestImage, GUEST_READY_LINE, type GuestImage } from "../../agent/drivers/qemu/guest-image";
import { launchQemu, type QemuHandle, type QemuLaunch } from "../../agent/drivers/qemu/qemu-process";
import { isAlive, readPidFile } from "../../agent/drivers/qemu/qemu-run-dir";
import { waitFor } from "./harness";

/**
 * Real QEMU guests for the integration tests: QEMU installed when missing (scripts/ensure-qemu.sh),
 * the tiny guest built once, and every QEMU a test starts ended afterwards, passed or failed.
 */

const run = promisify(execFile);

/** Building the guest downloads a kernel package on the first run: minutes on a slow mirror. */
export const IMAGE_TIMEOUT_MS = 10 * 60_000;
/** TCG boots the guest to its workload in 3 to 10 s, depending on how busy the machine is. */
export const BOOT_TIMEOUT_MS = 45_000;

let prepared: Promise<GuestImage> | undefined;

/** QEMU on the machine and the guest image built (both once per test process). */
export function qemuAndGuest(): Promise<GuestImage> {
  prepared ??= (async () => {
    await run("bash", [new URL("../../scripts/ensure-qemu.sh", import.meta.url).pathname]);
    return ensureGuestImage({ log: (line) => console.log(`guest-image: ${line}`) });
  })();
  return prepared;
}

/** The QEMU processes of one test, in run directories under one temporary directory. */
export class QemuFleet {
  private readonly handles: QemuHandle[] = [];
  private readonly runDirs: string[] = [];
  private root: string | undefined;

  async runDir(name: string): Promise<string> {
    this.root ??= await mkdtemp(join(tmpdir(), "ballast-qemu-"));
    const dir = join(this.root, name);
    this.runDirs.push(dir);
    return dir;
  }

  async launch(name: string, options: Partial<QemuLaunch> = {}): Promise<QemuHandle> {
    const image = await qemuAndGuest();
    const handle = await launchQemu({
      name,
      runDir: await this.runDir(name),
      memoryMiB: 256,
      vcpus: 1,
      image,
      ...options,
    });
    this.handles.push(handle);
    return handle;
  }

  /** For handles the test got elsewhere (attachQemu): ended with the rest. */
  track(handle: QemuHandle): QemuHandle {
    this.handles.push(handle);
    return handle;
  }

  /** Ends every QEMU of the test, including ones only a pidfile knows (started by another process). */
  async cleanup(): Promise<void> {
    await Promise.all(this.handles.splice(0).map((handle) => handle.stop().catch(() => {})));
    for (const dir of this.runDirs.splice(0)) {
      const pid = await readPidFile(dir);
      if (pid !== null && isAlive(pid)) process.kill(pid, "SIGKILL");
    }
    if (this.root) await rm(this.root, { recursive: true, force: true });
    this.root = undefined;
  }
}

export async function serialLog(handle: QemuHandle): Promise<string> {
  return readFile(handle.serialLog, "utf8").catch(() => "");
}

/** Waits for the guest's workload to run; returns how long that took. */
export async function waitForGuestReady(handle: QemuHandle, timeoutMs = BOOT_TIMEOUT_MS): Promise<number> {
  const started = Date.now();
  await waitFor(
    `${handle.runDir}: "${GUEST_READY_LINE}" on the serial console`,
    async () => ((await serialLog(handle)).includes(GUEST_READY_LINE) ? true : undefined),
    timeoutMs,
  );
  return Date.now() - started;
}

/** The guest's heartbeats ("alive N s, P pages written, mismatches=M") seen so far. */
export async function heartbeats(handle: QemuHandle): Promise<{ pages: number; mismatches: number }[]> {
  const beats = (await serialLog(handle)).matchAll(/alive \d+ s, (\d+) pages written, mismatches=(\d+)/g);
  return [...beats].map((beat) => ({ pages: Number(beat[1]), mismatches: Number(beat[2]) }));
}

/** What the guest said went wrong: a kernel panic or a failed memory check. */
export async function guestTrouble(handle: QemuHandle): Promise<string[]> {
  const lines = (await serialLog(handle)).split("\n");
  return lines.filter((line) => /Kernel panic|BUG:|Oops|memory check failed|workload ended/.test(line));
}
