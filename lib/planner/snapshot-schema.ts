import { z } from "zod";

/**
 * The planner's input, CONTRACTS.md section 2: a cluster snapshot with rules and a policy. Fields
 * beyond the contract's are accepted and dropped from hosts, domains and rules (plain objects parse
 * several times faster than loose ones, which matters at 100,000 domains), kept at the top level and
 * in the policy. The policy's settings other than the goal fall back to the contract's example values.
 */

const nameSchema = z.string().min(1, "must not be empty");
const mib = z.number().nonnegative();

export const snapshotHostSchema = z.object({
  name: nameSchema,
  cpu: z.object({
    model: nameSchema,
    mhz: z.number().positive(),
    strands: z.number().int().positive(),
  }),
  memoryMiB: z.number().positive(),
  /** Free contiguous ranges; absent = no layout limit. */
  freeMemoryBlocksMiB: z.array(mib).optional(),
  hypervisor: nameSchema,
  switches: z.array(nameSchema),
  /** Volume name -> the storage it refers to. */
  volumes: z.record(z.string(), z.string()),
  /** Free console ports. */
  consolePorts: z.number().int().nonnegative(),
  /** Must be emptied, takes nothing new. */
  maintenance: z.boolean().optional(),
});

export const snapshotDomainSchema = z.object({
  name: nameSchema,
  host: nameSchema,
  state: z.enum(["active", "bound", "inactive"]),
  vcpus: z.number().int().positive(),
  /** Strands' worth of CPU the domain actually uses. */
  cpuUsed: z.number().nonnegative(),
  memoryMiB: z.number().positive(),
  memoryBlocksMiB: z.array(z.number().positive()).min(1).optional(),
  dirtyRateMiBps: z.number().nonnegative().optional(),
  cpuArch: z.enum(["native", "generic"]),
  switches: z.array(nameSchema),
  volumes: z.array(nameSchema),
  directIO: z.boolean(),
  cryptoUnits: z.number().int().nonnegative(),
});

export const ruleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("affinity"), domains: z.array(nameSchema).min(2) }),
  z.object({ kind: z.literal("anti-affinity"), domains: z.array(nameSchema).min(2) }),
  z.object({ kind: z.literal("pin"), domain: nameSchema, hosts: z.array(nameSchema).min(1) }),
  z.object({ kind: z.literal("exclude"), domain: nameSchema }),
]);

export const GOALS = ["balance", "consolidate", "evacuate"] as const;

export const policySchema = z.looseObject({
  goal: z.enum(GOALS),
  evacuate: z.array(nameSchema).default([]),
  aggressiveness: z.number().int().min(1).max(5).default(3),
  cpuOvercommit: z.number().positive().default(1),
  maxParallelPerHost: z.number().int().positive().default(2),
  linkMiBps: z.number().positive().default(1170),
  targetUtilization: z.number().gt(0).max(1).default(0.8),
  /**
   * Optional moves (balance, consolidate) skip domains whose predicted downtime exceeds this: a
   * guest that dirties memory faster than the link sends would pause for seconds. Forced moves
   * (evacuate, maintenance, rule repairs) still take them, with the downtime in their prediction.
   */
  downtimeLimitMs: z.number().positive().default(300),
});

export const snapshotSchema = z.looseObject({
  hosts: z.array(snapshotHostSchema),
  domains: z.array(snapshotDomainSchema),
  rules: z.array(ruleSchema).default([]),
  policy: policySchema,
});

export type Snapshot = z.infer<typeof snapshotSchema>;
/** What callers may hand in: the policy's defaults and the rules may be left out. */
export type SnapshotInput = z.input<typeof snapshotSchema>;
export type SnapshotHost = z.infer<typeof snapshotHostSchema>;
export type SnapshotDomain = z.infer<typeof snapshotDomainSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Policy = z.infer<typeof policySchema>;
export type Goal = Policy["goal"];
