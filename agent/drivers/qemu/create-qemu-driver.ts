import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import type { Logger } from "pino";
import type { StreamTls } from "../../auth/stream-tls";
import { parseQemuVersion, readCpuFacts } from "./machine-facts";
import { DEFAULT_QEMU_BINARY } from "./qemu-args";
import type { QemuHostConfig } from "./qemu-config";
import { QemuDriver } from "./qemu-driver";

/**
 * The QEMU driver with what it reads from the machine once, at start: QEMU's version (the
 * hypervisor version peers compare), the CPU, and whether KVM can be used.
 */

const run = promisify(execFile);

export async function createQemuDriver(options: {
  hostName: string;
  stateDir: string;
  config: QemuHostConfig;
  transferHost: string;
  streamTls?: StreamTls;
  log: Logger;
}): Promise<QemuDriver> {
  const binary = options.config.qemuBinary ?? DEFAULT_QEMU_BINARY;
  const version = await run(binary, ["--version"]).then(
    ({ stdout }) => parseQemuVersion(stdout),
    (error: NodeJS.ErrnoException) => {
      const why =
        error.code === "ENOENT" ? "not found (bash scripts/ensure-qemu.sh installs it)" : error.message;
      throw new Error(`QEMU driver: ${binary} ${why}`);
    },
  );
  const accel = chooseAccel(options.config.accel, existsSync("/dev/kvm"), options.log);
  const unsafe = unsafeForMigration(version, accel);
  if (unsafe) throw new Error(`QEMU driver: ${unsafe}`);
  return new QemuDriver({ ...options, accel, cpu: readCpuFacts(), qemuVersion: version });
}

/** QEMU releases from which TCG keeps every guest write during a live migration. */
export const MIN_TCG_MIGRATION_MAJOR = 9;

/**
 * Why this QEMU must not run guests here, or null. Before 9.0 a live migration under TCG loses guest
 * writes: a dirty-bitmap sync does not reset the dirty flags cached in TCG's TLB, so a page written
 * again through such an entry is never sent again and the guest runs on with stale memory on the
 * target (upstream fix "physmem: Fix migration dirty bitmap coherency with TCG memory access").
 * Silent memory corruption is refused outright rather than warned about. KVM tracks dirty pages
 * itself and is not affected.
 */
export function unsafeForMigration(version: string, accel: "tcg" | "kvm"): string | null {
  const major = Number(version.split(".")[0]);
  if (accel !== "tcg" || major >= MIN_TCG_MIGRATION_MAJOR) return null;
  return (
    `QEMU ${version} loses guest writes when it live-migrates under TCG (fixed in QEMU ${MIN_TCG_MIGRATION_MAJOR}.0), ` +
    `so it is refused: install QEMU ${MIN_TCG_MIGRATION_MAJOR} or newer (bash scripts/ensure-qemu.sh does, ` +
    `from bookworm-backports on Debian 12) or run guests under KVM (qemu.accel "kvm" with /dev/kvm)`
  );
}

/** KVM only when asked for and present; otherwise software emulation, which works everywhere. */
export function chooseAccel(wanted: "tcg" | "kvm", kvmPresent: boolean, log?: Logger): "tcg" | "kvm" {
  if (wanted === "kvm" && !kvmPresent) {
    log?.warn("accel kvm configured but /dev/kvm is missing: guests run under TCG (software emulation)");
    return "tcg";
  }
  return wanted;
}
