import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { GuestProcess } from "./guest-process";
import type { QemuHost } from "./qemu-host";
import { attachQemu } from "./qemu-process";

/**
 * What a (re)started agent does with the QEMU processes it finds: every definition's QEMU that still
 * runs is followed again, as it is (running, paused, migrated away and waiting to be ended, waiting
 * for an incoming stream): what becomes of a migration in flight is the coordinator's recovery's
 * call, made right after. A domain whose QEMU ended meanwhile is inactive; a QEMU without a
 * definition (a crash between its start and its record, which the write-ahead order rules out, or
 * files put there by hand) is ended.
 */
export async function reattach(host: QemuHost): Promise<void> {
  for (const domain of await host.store.load()) {
    host.definitions.set(domain.name, domain);
    const handle = await attachQemu(host.runDir(domain.name)).catch((error: Error) => {
      host.log.error({ domain: domain.name, err: error }, `cannot talk to the QEMU of ${domain.name}`);
      return null;
    });
    const followed =
      handle &&
      (await GuestProcess.follow(handle).catch((error: Error) => {
        // Left running and unfollowed: its run directory still keeps a second QEMU from starting.
        host.log.error({ domain: domain.name, err: error }, `the QEMU of ${domain.name} does not answer`);
        handle.detach();
        return null;
      }));
    if (followed) {
      const guest = host.adopt(domain.name, followed);
      host.log.info(
        { domain: domain.name, pid: guest.pid, state: guest.runState },
        `re-attached to the QEMU of ${domain.name}`,
      );
      continue;
    }
    if (!handle && domain.consolePort !== null && domain.incoming === null) {
      host.log.warn({ domain: domain.name }, `the QEMU of ${domain.name} ended while the agent was away`);
      domain.consolePort = null;
      domain.bootedAt = null;
      domain.pausedByMigration = false;
      await host.save(domain);
    }
  }
  await endOrphans(host);
}

async function endOrphans(host: QemuHost): Promise<void> {
  const runRoot = host.runRoot;
  const names = await readdir(runRoot).catch(() => [] as string[]);
  for (const name of names) {
    if (host.definitions.has(name)) continue;
    const handle = await attachQemu(join(runRoot, name)).catch(() => null);
    if (handle) {
      host.log.warn({ pid: handle.pid, runDir: join(runRoot, name) }, "ending a QEMU that has no definition");
      await handle.stop();
    }
    await rm(join(runRoot, name), { recursive: true, force: true });
  }
}
