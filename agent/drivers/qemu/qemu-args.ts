import type { GuestImage } from "./guest-image";
import { runDirFiles } from "./qemu-run-dir";

/** How to start one domain's QEMU. */
export interface QemuLaunch {
  name: string;
  /** Holds the QMP socket, pidfile and logs; created when missing. */
  runDir: string;
  memoryMiB: number;
  vcpus: number;
  image: GuestImage;
  /** Extra kernel arguments, e.g. the workload's (guestWorkloadArgs). */
  append?: string;
  /** Start paused, waiting for a live migration's stream on this address. */
  incoming?: { host: string; port: number };
  /** Software emulation unless told: KVM is not on every machine, and a guest was seen hanging under it. */
  accel?: "tcg" | "kvm";
  qemuBinary?: string;
}

export const DEFAULT_QEMU_BINARY = "qemu-system-x86_64";

/** The guest's console is its first serial port; a panic ends QEMU (panic=-1, -no-reboot) instead of looping. */
const BASE_KERNEL_ARGS = "console=ttyS0 panic=-1";

/**
 * Under TCG, QEMU 7.2 (Debian 12's) loses guest writes during a live migration: a dirty-bitmap sync
 * does not reset the dirty flags in TCG's TLB, so a page written again through a TLB entry made
 * before the sync is not sent again (fixed upstream in QEMU 9.0: "physmem: Fix migration dirty bitmap
 * coherency with TCG memory access"). Our guest, migrated while writing, panicked on the target every
 * time. With page-table isolation the guest kernel writes CR3 on every entry from and return to user
 * space, and each CR3 write flushes TCG's whole TLB: a write can then only be lost between a sync and
 * the next such switch (at most a workload tick, 10 ms, apart) and only if the page is not written
 * again. With it, no migration in our tests panicked or failed the guest's own memory check
 * (guest/ballast-dirty.c). Not needed under KVM, which tracks dirty pages itself.
 */
const TCG_KERNEL_ARGS = "pti=on";

/**
 * QEMU's command line. Source and target of a migration must describe the same machine, so everything
 * here follows from the launch options alone.
 */
export function qemuArgs(options: QemuLaunch): string[] {
  checkLaunch(options);
  const files = runDirFiles(options.runDir);
  const accel = options.accel ?? "tcg";
  const append = [BASE_KERNEL_ARGS, accel === "tcg" ? TCG_KERNEL_ARGS : "", options.append ?? ""]
    .filter(Boolean)
    .join(" ");
  const args = [
    "-name",
    `guest=${escapeOption(options.name)}`,
    "-machine",
    "pc",
    "-accel",
    accel,
    "-m",
    `${options.memoryMiB}M`,
    "-smp",
    String(options.vcpus),
    "-kernel",
    options.image.kernel,
    "-initrd",
    options.image.initrd,
    "-append",
    append,
    "-display",
    "none",
    "-nodefaults",
    "-no-user-config",
    "-no-reboot",
    "-serial",
    `file:${files.serialLog}`,
    "-qmp",
    `unix:${files.qmpSocket},server=on,wait=off`,
    "-pidfile",
    files.pidFile,
  ];
  if (options.incoming)
    args.push("-incoming", `tcp:${hostForUri(options.incoming.host)}:${options.incoming.port}`);
  return args;
}

/** QEMU quietly takes its defaults for some nonsense (-m 0 gives 128 MiB): refused here instead. */
function checkLaunch(options: QemuLaunch): void {
  const positive = (value: number) => Number.isInteger(value) && value > 0;
  if (!options.name) throw new Error("a QEMU guest needs a name");
  if (!positive(options.memoryMiB))
    throw new Error(`memoryMiB must be a positive whole number, not ${options.memoryMiB}`);
  if (!positive(options.vcpus))
    throw new Error(`vcpus must be a positive whole number, not ${options.vcpus}`);
  const port = options.incoming?.port;
  if (port !== undefined && !(positive(port) && port < 65536))
    throw new Error(`incoming port ${port} is not a TCP port`);
}

/** A migration URI's host: IPv6 addresses go in brackets. */
export function hostForUri(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** QEMU's option syntax takes a literal comma as two. */
function escapeOption(value: string): string {
  return value.replaceAll(",", ",,");
}
