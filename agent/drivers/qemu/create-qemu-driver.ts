import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import type { Logger } from "pino";
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
  return new QemuDriver({
    ...options,
    accel: chooseAccel(options.config.accel, existsSync("/dev/kvm"), options.log),
    cpu: readCpuFacts(),
    qemuVersion: version,
  });
}

/** KVM only when asked for and present; otherwise software emulation, which works everywhere. */
export function chooseAccel(wanted: "tcg" | "kvm", kvmPresent: boolean, log?: Logger): "tcg" | "kvm" {
  if (wanted === "kvm" && !kvmPresent) {
    log?.warn("accel kvm configured but /dev/kvm is missing: guests run under TCG (software emulation)");
    return "tcg";
  }
  return wanted;
}
