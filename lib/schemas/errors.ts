import { z } from "zod";
import { checkSchema } from "./migration";

/** The agent API's error body: `{"error": {"code", "message"}}`, with the failed checks on a 422. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  checks: z.array(checkSchema).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Zod issues as one line a person can act on: `target: must be a URL; kind: ...`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join(".") : "body";
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}
