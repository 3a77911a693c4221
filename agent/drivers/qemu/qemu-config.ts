import { z } from "zod";
import { cpuArchSchema } from "../../../lib/schemas/domain";
import {
  configName,
  consoleConfig,
  domainDisksConfig,
  domainNetworksConfig,
  switchesConfig,
  volumesConfig,
} from "../host-config-parts";

/**
 * The QEMU driver's part of an agent's config file. What the machine can tell (its memory, its CPU,
 * QEMU's version) is read from it; what it cannot (the switches, volumes and console ports admins
 * named) comes from here, as do the domains defined when the agent's state folder is empty.
 */

/** What the guest image's workload does: set on the guest kernel's command line. */
export const guestWorkloadConfig = z
  .strictObject({
    /** MiB/s the guest writes into its working set. */
    dirtyRateMiBps: z.number().nonnegative().max(100_000).default(0),
    /** Size of the memory it keeps rewriting (its writable working set), MiB. */
    wwsMiB: z.number().int().nonnegative().default(0),
  })
  .prefault({});
export type GuestWorkloadConfig = z.infer<typeof guestWorkloadConfig>;

/** Smallest guest the image boots in: the kernel and its initramfs need about this much. */
export const MIN_GUEST_MEMORY_MIB = 64;

export const qemuDomainConfigSchema = z
  .strictObject({
    name: configName,
    /** `active`: started when the agent first starts; `inactive`: defined only. */
    state: z.enum(["active", "inactive"]).default("active"),
    vcpus: z.number().int().positive().max(64),
    memoryMiB: z.number().int().min(MIN_GUEST_MEMORY_MIB).max(1_048_576),
    cpuArch: cpuArchSchema.default("native"),
    networks: domainNetworksConfig,
    disks: domainDisksConfig,
    workload: guestWorkloadConfig,
  })
  .refine((domain) => domain.workload.wwsMiB < domain.memoryMiB, {
    message: "workload.wwsMiB must be smaller than memoryMiB (the guest's kernel lives there too)",
    path: ["workload", "wwsMiB"],
  });
export type QemuDomainConfig = z.infer<typeof qemuDomainConfigSchema>;

export const qemuHostConfigSchema = z.strictObject({
  /** `kvm` is used only where /dev/kvm exists; software emulation (TCG) otherwise and by default. */
  accel: z.enum(["tcg", "kvm"]).default("tcg"),
  /** The QEMU to run; `qemu-system-x86_64` from PATH by default. */
  qemuBinary: z.string().min(1).optional(),
  /** Where the guest image is built and kept (the image builder's own default when absent). */
  imageCacheDir: z.string().min(1).optional(),
  subnet: z.string().nullable().default(null),
  cpu: z
    .strictObject({
      /** Overrides the model read from /proc/cpuinfo (to give hosts of one machine different CPUs). */
      model: z.string().min(1).optional(),
      mhz: z.number().int().positive().optional(),
      /** Strands offered to guests: the machine's logical CPUs by default. */
      strands: z.number().int().positive().max(4096).optional(),
      genericArch: z.boolean().default(true),
    })
    .prefault({}),
  memory: z
    .strictObject({
      /** Memory kept back for the host itself: never offered to guests. */
      reservedMiB: z.number().int().nonnegative().default(0),
      /** At most this much of the machine's memory is offered to guests (several agents share a machine). */
      limitMiB: z.number().int().positive().optional(),
    })
    .prefault({}),
  switches: switchesConfig,
  nics: z.array(configName).default([]),
  volumes: volumesConfig,
  storage: z.array(z.string().min(1)).default([]),
  console: consoleConfig,
  domains: z
    .array(qemuDomainConfigSchema)
    .default([])
    .refine((domains) => new Set(domains.map((domain) => domain.name)).size === domains.length, {
      message: "domain names must be unique",
    }),
});
export type QemuHostConfig = z.infer<typeof qemuHostConfigSchema>;
