import { z } from "zod";
import { cpuArchSchema, domainStateSchema, workloadSchema } from "../../../lib/schemas/domain";
import {
  consoleConfig,
  domainDisksConfig,
  domainNetworksConfig,
  configName as name,
  switchesConfig,
  volumesConfig,
} from "../host-config-parts";

/**
 * The simulated hypervisor's part of an agent's config file: the host's hardware and the domains
 * it starts with (used once, when the agent's state folder is empty).
 */

export const simDomainConfigSchema = z
  .strictObject({
    name,
    state: domainStateSchema.exclude(["suspended"]).default("active"),
    vcpus: z.number().int().positive(),
    memoryMiB: z.number().int().positive(),
    /** Sizes of its memory blocks; one block of all its memory by default. */
    memoryBlocksMiB: z.array(z.number().int().positive()).min(1).optional(),
    cpuArch: cpuArchSchema.default("native"),
    networks: domainNetworksConfig,
    disks: domainDisksConfig,
    directIO: z.array(z.string().min(1)).default([]),
    cryptoUnits: z.number().int().nonnegative().default(0),
    delayedReconfig: z.boolean().default(false),
    workload: workloadSchema.prefault({}),
  })
  .refine(
    (domain) =>
      !domain.memoryBlocksMiB || domain.memoryBlocksMiB.reduce((a, b) => a + b, 0) === domain.memoryMiB,
    {
      message: "memoryBlocksMiB must add up to memoryMiB",
      path: ["memoryBlocksMiB"],
    },
  );
export type SimDomainConfig = z.infer<typeof simDomainConfigSchema>;

export const simHostConfigSchema = z.strictObject({
  hypervisor: z
    .strictObject({ kind: z.string().min(1), version: z.string().min(1) })
    .default({ kind: "ldoms", version: "3.6" }),
  subnet: z.string().nullable().default(null),
  cpu: z.strictObject({
    model: z.string().min(1),
    mhz: z.number().int().positive(),
    cores: z.number().int().positive().max(4096),
    threadsPerCore: z.number().int().positive().max(64).default(8),
    wholeCores: z.boolean().default(false),
    genericArch: z.boolean().default(true),
  }),
  memory: z.strictObject({
    totalMiB: z.number().int().positive(),
    /** Physical address where the host's memory starts. */
    baseAddress: z
      .string()
      .regex(/^0x[0-9a-f]+$/i)
      .default("0x8000000"),
    /** Regions the hypervisor keeps for itself, as offsets from the base: they split free memory. */
    reserved: z
      .array(
        z.strictObject({ offsetMiB: z.number().int().nonnegative(), sizeMiB: z.number().int().positive() }),
      )
      .default([]),
  }),
  switches: switchesConfig,
  nics: z.array(name).default([]),
  volumes: volumesConfig,
  storage: z.array(z.string().min(1)).default([]),
  console: consoleConfig,
  /** A delayed reconfiguration pending on the control domain: blocks every migration to or from the host. */
  delayedReconfig: z.boolean().default(false),
  domains: z.array(simDomainConfigSchema).default([]),
});
export type SimHostConfig = z.infer<typeof simHostConfigSchema>;
