import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "../audit/events";

/**
 * The audit page's filters, from its URL: actor (part of an email), action, outcome, a time range
 * (datetime-local values, read as UTC like every time the dashboard shows) and the page. A value
 * that does not parse is dropped, not an error: the page shows the log unfiltered on that field.
 */

const utcMinute = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
  .transform((text) => new Date(`${text.length === 16 ? `${text}:00` : text}Z`))
  .refine((date) => !Number.isNaN(date.getTime()));

export const auditFilterSchema = z.object({
  // Emails are stored lower-case, and Prisma has no case-insensitive "contains" on SQLite.
  actor: z.string().trim().toLowerCase().min(1).max(320).optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
  from: utcMinute.optional().catch(undefined),
  to: utcMinute.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Search parameters as Next gives them: the first value of each, empty ones left out. */
export function parseAuditFilter(raw: Record<string, string | string[] | undefined>): AuditFilter {
  const first = Object.fromEntries(
    Object.entries(raw)
      .map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  return auditFilterSchema.parse(first);
}
