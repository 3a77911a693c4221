import { z } from "zod";

/** Migration kinds, phases, status and the `POST /v1/migrations` request of the agent API v1. */

export const migrationKindSchema = z.enum(["auto", "live", "warm", "cold"]);
export type RequestedKind = z.infer<typeof migrationKindSchema>;
export type MigrationKind = Exclude<RequestedKind, "auto">;

export const ACTIVE_PHASES = ["precheck", "prepare", "transfer", "suspend", "handoff"] as const;
export const FINAL_PHASES = ["completed", "failed", "cancelled"] as const;
export const phaseSchema = z.enum([...ACTIVE_PHASES, ...FINAL_PHASES, "needs-attention"]);
export type Phase = z.infer<typeof phaseSchema>;

export function isFinalPhase(phase: Phase): boolean {
  return (FINAL_PHASES as readonly string[]).includes(phase);
}

export const checkSchema = z.object({ code: z.string(), ok: z.boolean(), message: z.string() });
export type Check = z.infer<typeof checkSchema>;

export const predictionSchema = z.object({
  kind: z.enum(["live", "warm", "cold"]),
  seconds: z.number(),
  downtimeMs: z.number(),
  transferBytes: z.number(),
  rounds: z.number().int(),
  converges: z.boolean(),
  /** Why the pre-copy rounds end: `downtime` (fits the limit), `few-dirty`, `max-rounds`, `max-transfer`. */
  stopReason: z.string(),
  bandwidthBytesPerSec: z.number(),
  dirtyRateBytesPerSec: z.number(),
});
export type Prediction = z.infer<typeof predictionSchema>;

export const nonConvergenceSchema = z.enum(["stop-and-copy", "fail"]);
export type NonConvergencePolicy = z.infer<typeof nonConvergenceSchema>;

export const domainNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    "letters, digits, '.', '_' and '-', starting with a letter or digit",
  );

export const startMigrationSchema = z.strictObject({
  domain: domainNameSchema,
  target: z.url({
    protocol: /^https?$/,
    error: "target must be the target agent's base URL (http or https)",
  }),
  targetName: domainNameSchema.optional(),
  kind: migrationKindSchema.default("auto"),
  dryRun: z.boolean().default(false),
  maxBandwidthMiBps: z.number().positive().max(1_000_000).optional(),
  downtimeLimitMs: z.number().int().positive().max(3_600_000).optional(),
  /** What to do when the guest dirties memory faster than it can be sent; the agent's setting by default. */
  onNoConvergence: nonConvergenceSchema.optional(),
});
export type StartMigrationRequest = z.infer<typeof startMigrationSchema>;

/**
 * An admin's decision on a migration that `needs-attention` (the hand-off's outcome is unknown):
 * keep the domain on the source (resume it there) or on the target (destroy the source's copy).
 */
export const resolveMigrationSchema = z.strictObject({ keep: z.enum(["source", "target"]) });
export type ResolveMigrationRequest = z.infer<typeof resolveMigrationSchema>;

export const hostRefSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "a host name"),
  url: z.url({ protocol: /^https?$/ }),
});

export const migrationStatusSchema = z.object({
  id: z.string(),
  domain: z.string(),
  targetName: z.string(),
  role: z.enum(["source", "target"]),
  source: z.string(),
  target: z.string(),
  sourceUrl: z.string(),
  targetUrl: z.string(),
  kind: z.enum(["live", "warm", "cold"]),
  phase: phaseSchema,
  progress: z.number().min(0).max(100),
  transferredBytes: z.number(),
  remainingBytes: z.number(),
  totalBytes: z.number(),
  round: z.number().int(),
  dirtyRateBytesPerSec: z.number(),
  expectedDowntimeMs: z.number(),
  downtimeMs: z.number().nullable(),
  /** The guest's pause as the hypervisor itself measured it (QEMU's `downtime`), where it does. */
  hypervisorDowntimeMs: z.number().nullable().optional(),
  bandwidthBytesPerSec: z.number(),
  downtimeLimitMs: z.number(),
  prediction: predictionSchema.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type MigrationStatus = z.infer<typeof migrationStatusSchema>;

export const dryRunResultSchema = z.object({
  ok: z.boolean(),
  checks: z.array(checkSchema),
  prediction: predictionSchema.nullable(),
});
export type DryRunResult = z.infer<typeof dryRunResultSchema>;
