import { basename, dirname, resolve } from "node:path";
import { isAlive, isQemuOf, readPidFile } from "../../agent/drivers/qemu/qemu-run-dir";
import { qemuRunDirs } from "../../cluster/qemu-guests";

/**
 * Where playwright.qemu.config.ts has the start command put the qemu demo cluster
 * (cluster/scenarios/qemu.json: h1 runs web1 and has batch1 defined, h2 runs db1, h3 is empty),
 * and what the specs read of it beside the pages.
 */
export const QEMU_E2E = {
  manifest: ".cluster/e2e-qemu-manifest.json",
  stateDir: ".cluster/e2e-qemu-state",
  databaseUrl: "file:.data/e2e-qemu.db",
};

/** The hosts where a QEMU process of `domain` runs now, read from the agents' run folders and /proc. */
export async function hostsRunningQemuOf(domain: string): Promise<string[]> {
  const hosts: string[] = [];
  // Absolute: QEMU's command line, which isQemuOf compares, names the socket by its absolute path.
  for (const runDir of await qemuRunDirs(resolve(QEMU_E2E.stateDir))) {
    if (basename(runDir) !== domain) continue;
    const pid = await readPidFile(runDir);
    if (pid !== null && isAlive(pid) && (await isQemuOf(pid, runDir)))
      hosts.push(basename(dirname(dirname(dirname(runDir)))));
  }
  return hosts.sort();
}
