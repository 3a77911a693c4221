import { z } from "zod";

/** `GET /v1/host`: a host and its free resources, as its agent reports them. */

export const memoryRegionSchema = z.object({
  address: z.string(),
  sizeMiB: z.number().nonnegative(),
  use: z.enum(["free", "domain", "reserved"]),
  domain: z.string().optional(),
});

export const hostSchema = z.object({
  name: z.string(),
  driver: z.string(),
  hypervisor: z.object({ kind: z.string(), version: z.string() }),
  subnet: z.string().nullable(),
  cpu: z.object({
    model: z.string(),
    mhz: z.number(),
    strandsTotal: z.number().int(),
    strandsFree: z.number().int(),
    threadsPerCore: z.number().int(),
    coresFree: z.number().int(),
    /** Migrated domains get whole cores (LDoms); false when strands are handed out singly. */
    wholeCores: z.boolean(),
    /** Whether domains with `cpu-arch=generic` may arrive from other CPU types. */
    genericArch: z.boolean(),
    usedStrands: z.number().nonnegative(),
  }),
  memory: z.object({
    totalMiB: z.number(),
    freeMiB: z.number(),
    /** Free contiguous ranges, largest first. */
    freeBlocks: z.array(memoryRegionSchema),
    /** The whole physical layout in address order, so fragmentation can be seen. */
    layout: z.array(memoryRegionSchema),
  }),
  switches: z.array(z.object({ name: z.string(), nic: z.string().nullable() })),
  nics: z.array(z.string()),
  volumes: z.array(z.object({ name: z.string(), storage: z.string() })),
  /** Storage this host can reach (pools: the part of a volume's storage before the first "/"). */
  storage: z.array(z.string()),
  console: z
    .object({
      name: z.string(),
      firstPort: z.number().int(),
      lastPort: z.number().int(),
      freePorts: z.array(z.number().int()),
    })
    .nullable(),
  delayedReconfig: z.boolean(),
  domains: z.object({ total: z.number().int(), active: z.number().int() }),
});

export type Host = z.infer<typeof hostSchema>;
export type MemoryRegion = z.infer<typeof memoryRegionSchema>;
