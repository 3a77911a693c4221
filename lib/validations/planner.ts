import { z } from "zod";
import { domainNameSchema } from "../schemas/migration";
import { hostNameSchema } from "./migration";

/** What the suggestions page and the planner settings send to their server actions. */

const number = (schema: z.ZodNumber) =>
  z.preprocess((value) => (value === "" ? undefined : Number(value)), schema);

export const plannerSettingsSchema = z.strictObject({
  aggressiveness: number(
    z.number().int().min(1, "aggressiveness is 1 to 5").max(5, "aggressiveness is 1 to 5"),
  ),
  cpuOvercommit: number(
    z
      .number({ error: "CPU overcommit must be a number" })
      .min(1, "CPU overcommit is at least 1")
      .max(8, "CPU overcommit is at most 8"),
  ),
  maxParallelPerHost: number(
    z
      .number()
      .int("a whole number of migrations")
      .min(1, "at least 1 migration")
      .max(16, "at most 16 migrations"),
  ),
  linkMiBps: number(
    z.number({ error: "bandwidth must be a number" }).positive("bandwidth must be above 0").max(100_000),
  ),
  targetUtilization: number(
    z
      .number({ error: "target utilisation must be a number" })
      .min(0.1, "target utilisation is 10% to 100%")
      .max(1, "target utilisation is 10% to 100%"),
  ),
});
export type PlannerSettingsInput = z.infer<typeof plannerSettingsSchema>;

const domainList = z.array(domainNameSchema).max(1000);

export const ruleInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("affinity"),
    domains: domainList.min(2, "name at least two domains to keep together"),
    note: z.string().max(200).default(""),
  }),
  z.strictObject({
    kind: z.literal("anti-affinity"),
    domains: domainList.min(2, "name at least two domains to keep apart"),
    note: z.string().max(200).default(""),
  }),
  z.strictObject({
    kind: z.literal("pin"),
    domain: domainNameSchema,
    hosts: z.array(hostNameSchema).min(1, "name at least one host it may run on").max(1000),
    note: z.string().max(200).default(""),
  }),
  z.strictObject({
    kind: z.literal("exclude"),
    domain: domainNameSchema,
    note: z.string().max(200).default(""),
  }),
]);
export type RuleInput = z.infer<typeof ruleInputSchema>;

/**
 * A request for suggestions: the goal and, for what-ifs, hosts to drain and rules to try, none of
 * which is saved. Aggressiveness left out means the saved setting.
 */
export const suggestRequestSchema = z.strictObject({
  goal: z.enum(["balance", "consolidate", "evacuate"]).default("balance"),
  evacuate: z.array(hostNameSchema).max(1000).default([]),
  aggressiveness: number(z.number().int().min(1).max(5)).optional(),
  drain: z.array(hostNameSchema).max(1000).default([]),
  rules: z.array(ruleInputSchema).max(100).default([]),
});
export type SuggestRequest = z.infer<typeof suggestRequestSchema>;

/** Applying suggestions: the same request, and the moves the admin picked (domain and target). */
export const applyRequestSchema = z.strictObject({
  request: suggestRequestSchema,
  moves: z
    .array(z.strictObject({ domain: domainNameSchema, to: hostNameSchema }))
    .min(1, "pick at least one move")
    .max(100_000),
  /** Set when the plan empties a host for maintenance: the host is marked so as the plan starts. */
  maintenance: hostNameSchema.optional(),
});
export type ApplyRequest = z.infer<typeof applyRequestSchema>;

export const planRunIdSchema = z.strictObject({ id: z.string().min(1).max(100) });
