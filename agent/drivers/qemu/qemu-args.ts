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
  /**
   * Wait for a live migration's stream: on this address, or (`defer`) on one given later over QMP
   * (`migrate-incoming`, see incoming-port.ts), which lets QEMU itself pick a free port.
   */
  incoming?: { host: string; port: number } | "defer";
  /**
   * Start with the CPUs stopped (`-S`): for an incoming copy, QEMU then stays paused once the stream
   * is in, whatever the source's state, until told `cont`; it never runs the guest on its own.
   */
  paused?: boolean;
  /** Software emulation unless told: KVM is not on every machine, and a guest was seen hanging under it. */
  accel?: "tcg" | "kvm";
  qemuBinary?: string;
}

export const DEFAULT_QEMU_BINARY = "qemu-system-x86_64";

/** The guest's console is its first serial port; a panic ends QEMU (panic=-1, -no-reboot) instead of looping. */
const BASE_KERNEL_ARGS = "console=ttyS0 panic=-1";

/*
 * No `pti=on` for the guest any more. QEMU before 9.0 loses guest writes when it migrates under TCG
 * (a dirty-bitmap sync left TCG's TLB able to write a page without dirtying it again); page-table
 * isolation made the guest flush that TLB on every switch to and from user space, which hid the bug
 * in practice. The agent now refuses such a QEMU under TCG (create-qemu-driver.ts), and on QEMU 10
 * the guest keeps every write without it. Measured with the guest's own memory check, 256 MiB guest
 * writing 8 MiB/s over 64 MiB, migrated at 32 MiB/s: QEMU 7.2 without pti, the target's kernel
 * crashed in 5 of 6 runs; QEMU 7.2 with pti, 0 of 3; QEMU 10.0 without pti, 0 of 9 (3 of them
 * writing 16 MiB/s), and 0 of 3 with it.
 */

/**
 * QEMU's command line. Source and target of a migration must describe the same machine, so everything
 * here follows from the launch options alone.
 */
export function qemuArgs(options: QemuLaunch): string[] {
  checkLaunch(options);
  const files = runDirFiles(options.runDir);
  const accel = options.accel ?? "tcg";
  const append = [BASE_KERNEL_ARGS, options.append ?? ""].filter(Boolean).join(" ");
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
  if (options.paused) args.push("-S");
  if (options.incoming === "defer") args.push("-incoming", "defer");
  else if (options.incoming)
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
  const port = typeof options.incoming === "object" ? options.incoming.port : undefined;
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
