import { z } from "zod";
import { domainNameSchema, migrationKindSchema } from "../schemas/migration";

/** What the migrate dialog sends to the server actions; the parsed type is the actions' input. */

export const hostNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "pick a host");

const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) => (value === "" || value === null || value === undefined ? undefined : Number(value)),
    schema.optional(),
  );

export const migrationRequestSchema = z
  .strictObject({
    domain: domainNameSchema,
    source: hostNameSchema,
    target: hostNameSchema,
    kind: migrationKindSchema.default("auto"),
    targetName: z.preprocess((value) => (value === "" ? undefined : value), domainNameSchema.optional()),
    maxBandwidthMiBps: optionalNumber(
      z.number({ error: "bandwidth must be a number" }).positive("bandwidth must be above 0").max(100_000),
    ),
    downtimeLimitMs: optionalNumber(
      z
        .number({ error: "downtime limit must be a number" })
        .int()
        .positive("downtime limit must be above 0")
        .max(600_000),
    ),
  })
  .refine((request) => request.source !== request.target, {
    message: "pick a target other than the source",
    path: ["target"],
  });
export type MigrationRequest = z.infer<typeof migrationRequestSchema>;

export const cancelRequestSchema = z.strictObject({ id: z.string().min(1).max(100), source: hostNameSchema });
