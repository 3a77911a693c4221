import type { z } from "zod";
import { AgentHttpError, AgentUnreachableError } from "../agent-client/errors";
import type { Check } from "../schemas/migration";

/**
 * What every server action answers: data, or an error a person can act on (never a secret). `code`
 * marks the refusals of lib/auth/authorize.ts, as 401 and 403 would over HTTP.
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      code?: "UNAUTHENTICATED" | "FORBIDDEN";
      checks?: Check[];
      fields?: Record<string, string>;
    };

export function invalid(error: z.ZodError): ActionResult<never> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "form"] ??= issue.message;
  return { ok: false, error: Object.values(fields).join("; "), fields };
}

/** Maps what an agent answered to words: down, pre-checks failed, busy, refused. */
export function agentFailure(error: unknown, agentName: string): ActionResult<never> {
  if (error instanceof AgentUnreachableError)
    return { ok: false, error: `${agentName} is unreachable: the agent did not answer` };
  if (error instanceof AgentHttpError) {
    if (error.status === 401)
      return { ok: false, error: `${agentName} rejected the dashboard's token (check Settings)` };
    if (error.status === 422) {
      const failed = error.checks.filter((check) => !check.ok);
      const busy = failed.some((check) => check.code === "DOMAIN_BUSY");
      return {
        ok: false,
        error: busy
          ? "the domain is busy: a migration of it is already under way"
          : `${failed.length} pre-check(s) failed`,
        checks: error.checks,
      };
    }
    return { ok: false, error: error.message };
  }
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}
