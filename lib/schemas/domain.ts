import { z } from "zod";

/** `GET /v1/domains`: a guest domain and its configuration. */

export const domainStateSchema = z.enum(["active", "bound", "inactive", "suspended"]);
export type DomainState = z.infer<typeof domainStateSchema>;

export const cpuArchSchema = z.enum(["native", "generic"]);

const macSchema = z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, "a MAC address like 00:14:4f:fa:00:01");

export const networkSchema = z.object({
  name: z.string().min(1),
  /** The virtual switch (vsw) the device is attached to; the target needs one of the same name. */
  switch: z.string().min(1),
  mac: macSchema,
  /** The physical NIC the device is bridged over (xVM); the target needs it too. */
  bridge: z.string().min(1).nullable().default(null),
});

export const diskSchema = z.object({
  name: z.string().min(1),
  /** The vds volume name; it refers to storage through the host's volume table. */
  volume: z.string().min(1),
});

export const memoryBlockSchema = z.object({
  /** Real address: what the guest sees, kept across a migration. */
  realAddress: z.string(),
  /** Physical address on this host; null while the domain holds no memory (inactive). */
  physicalAddress: z.string().nullable(),
  sizeMiB: z.number().int().positive(),
});

export const workloadSchema = z.object({
  /** Strands' worth of CPU the guest uses. */
  cpuUsed: z.number().nonnegative().default(0),
  /** How fast the guest writes memory. */
  dirtyRateMiBps: z.number().nonnegative().default(0),
  /** The writable working set: the memory those writes fall in. */
  wwsMiB: z.number().nonnegative().default(0),
  /** `sweep` writes the working set in order (a scrub, a stream); `random` hits it at random. */
  pattern: z.enum(["sweep", "random"]).default("random"),
});
export type Workload = z.infer<typeof workloadSchema>;

export const domainSchema = z.object({
  name: z.string(),
  state: domainStateSchema,
  flags: z.string().length(6),
  vcpus: z.number().int().positive(),
  memoryMiB: z.number().int().positive(),
  memoryBlocks: z.array(memoryBlockSchema),
  cpuArch: cpuArchSchema,
  strands: z.array(z.number().int()),
  networks: z.array(networkSchema),
  disks: z.array(diskSchema),
  directIO: z.array(z.string()),
  cryptoUnits: z.number().int().nonnegative(),
  delayedReconfig: z.boolean(),
  consolePort: z.number().int().nullable(),
  workload: workloadSchema,
  /** Utilisation of its strands now, 0-100, as ldm's UTIL column. */
  utilization: z.number(),
  uptimeSeconds: z.number().nullable(),
  migration: z.object({ id: z.string(), role: z.enum(["source", "target"]), phase: z.string() }).nullable(),
});

export type Domain = z.infer<typeof domainSchema>;
export type Network = z.infer<typeof networkSchema>;
export type Disk = z.infer<typeof diskSchema>;
export type MemoryBlock = z.infer<typeof memoryBlockSchema>;
