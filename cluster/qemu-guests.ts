import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ensureGuestImage } from "../agent/drivers/qemu/guest-image";
import { attachQemu } from "../agent/drivers/qemu/qemu-process";
import { isAlive, isQemuOf, readPidFile } from "../agent/drivers/qemu/qemu-run-dir";

/**
 * The QEMU side of a demo or test cluster. Guests outlive their agents by design (as with any
 * hypervisor), so the cluster that started the agents also ends the guests they left, and QEMU and
 * the guest image are made ready once before any agent needs them.
 */

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Installs QEMU when missing and builds (or finds cached) the guest image. */
export async function prepareQemu(log: (line: string) => void = () => {}): Promise<void> {
  await run("bash", [join(ROOT, "scripts/ensure-qemu.sh")], { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: Error & { stderr?: string }) => {
      throw new Error(`scripts/ensure-qemu.sh failed: ${error.stderr?.trim() || error.message}`);
    },
  );
  await ensureGuestImage({ log });
}

/** Every QEMU run folder of every agent under `stateRoot` (stateRoot/HOST/qemu/run/DOMAIN). */
export async function qemuRunDirs(stateRoot: string): Promise<string[]> {
  const dirs: string[] = [];
  for (const host of await readdir(stateRoot).catch(() => [] as string[])) {
    const runRoot = join(stateRoot, host, "qemu", "run");
    for (const domain of await readdir(runRoot).catch(() => [] as string[])) dirs.push(join(runRoot, domain));
  }
  return dirs;
}

/**
 * Ends every QEMU left under `stateRoot`. Its agents must be stopped first: QEMU serves one QMP
 * client at a time. A QEMU that does not let us in is killed by its pidfile.
 */
export async function endQemuGuests(stateRoot: string): Promise<void> {
  await Promise.all(
    (await qemuRunDirs(stateRoot)).map(async (runDir) => {
      const handle = await attachQemu(runDir, { timeoutMs: 3000 }).catch(() => null);
      if (handle) return handle.stop();
      const pid = await readPidFile(runDir);
      if (pid !== null && isAlive(pid) && (await isQemuOf(pid, runDir))) process.kill(pid, "SIGKILL");
    }),
  );
}
