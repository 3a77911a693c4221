import { z } from "zod";
import { cpuArchSchema, domainStateSchema, workloadSchema } from "../../../lib/schemas/domain";

/**
 * The simulated hypervisor's part of an agent's config file: the host's hardware and the domains
 * it starts with (used once, when the agent's state folder is empty).
 */

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "a name of letters, digits, '.', '_' or '-'");
const mac = z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, "a MAC address like 00:14:4f:fa:00:01");

export const simDomainConfigSchema = z
  .strictObject({
    name,
    state: domainStateSchema.exclude(["suspended"]).default("active"),
    vcpus: z.number().int().positive(),
    memoryMiB: z.number().int().positive(),
    /** Sizes of its memory blocks; one block of all its memory by default. */
    memoryBlocksMiB: z.array(z.number().int().positive()).min(1).optional(),
    cpuArch: cpuArchSchema.default("native"),
    networks: z
      .array(
        z.strictObject({ name: name.optional(), switch: name, mac: mac.optional(), bridge: name.optional() }),
      )
      .default([]),
    disks: z.array(z.strictObject({ name: name.optional(), volume: name })).default([]),
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
  switches: z.array(z.strictObject({ name, nic: name.nullable().default(null) })).default([]),
  nics: z.array(name).default([]),
  volumes: z.record(name, z.string().min(1)).default({}),
  storage: z.array(z.string().min(1)).default([]),
  console: z
    .strictObject({
      name,
      firstPort: z.number().int().min(1).max(65535),
      lastPort: z.number().int().min(1).max(65535),
    })
    .refine((console) => console.lastPort >= console.firstPort, {
      message: "lastPort must not be below firstPort",
    })
    .nullable()
    .default({ name: "primary-vcc0", firstPort: 5000, lastPort: 5127 }),
  /** A delayed reconfiguration pending on the control domain: blocks every migration to or from the host. */
  delayedReconfig: z.boolean().default(false),
  domains: z.array(simDomainConfigSchema).default([]),
});
export type SimHostConfig = z.infer<typeof simHostConfigSchema>;
