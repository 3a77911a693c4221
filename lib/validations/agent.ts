import { z } from "zod";

/**
 * What the settings page sends to the agent registry's server actions. The name follows the
 * agent's own rule for host names (agent/config.ts), so any name an agent can report can be
 * registered; the URL is stored in one normal form so the same agent cannot be added twice as
 * `http://h:7000` and `http://h:7000/`.
 */

export const AGENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
export const TOKEN_MIN_LENGTH = 16;
const TOKEN_MAX_LENGTH = 4096;

export const agentIdSchema = z
  .string({ error: "missing agent id" })
  .trim()
  .min(1, { message: "missing agent id", abort: true })
  .max(100, "not an agent id");

export const agentNameSchema = z
  .string({ error: "enter a name" })
  .trim()
  .min(1, { message: "enter a name", abort: true })
  .max(63, "the name must be at most 63 characters")
  .regex(AGENT_NAME_PATTERN, "use letters, digits, '.', '_' or '-', starting with a letter or digit");

/**
 * The agent's base URL in normal form (lower-case scheme and host, no default port, no trailing
 * slash), or an error in words. Credentials, query and fragment are refused: the token is the only
 * secret, and it travels in a header.
 */
export function normalizeAgentUrl(input: string): { ok: true; url: string } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, error: "enter a full URL, like http://host1:7000" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, error: "the URL must start with http:// or https://" };
  if (url.username || url.password)
    return { ok: false, error: "leave user and password out of the URL: the token is the credential" };
  if (url.search || url.hash) return { ok: false, error: "leave the query (?…) and fragment (#…) out" };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

export const agentUrlSchema = z
  .string({ error: "enter the agent's URL" })
  .trim()
  .min(1, { message: "enter the agent's URL", abort: true })
  .max(2048, "the URL is too long")
  .transform((input, ctx) => {
    const result = normalizeAgentUrl(input);
    if (result.ok) return result.url;
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  });

/** Anything that can travel in an HTTP header: printable ASCII. */
const tokenText = z
  .string({ error: "enter the agent's token" })
  .trim()
  .max(TOKEN_MAX_LENGTH, "the token is too long")
  .regex(/^[\x20-\x7E]*$/, "the token may only contain printable ASCII characters");

const tooShort = `the token must be at least ${TOKEN_MIN_LENGTH} characters`;

export const agentTokenSchema = tokenText
  .min(1, { message: "enter the agent's token", abort: true })
  .min(TOKEN_MIN_LENGTH, tooShort);

/** On update an empty token means "keep the current one" (undefined after parsing). */
export const keptTokenSchema = tokenText
  .refine((token) => token === "" || token.length >= TOKEN_MIN_LENGTH, tooShort)
  .transform((token) => (token === "" ? undefined : token));

export const addAgentSchema = z.object({
  name: agentNameSchema,
  url: agentUrlSchema,
  token: agentTokenSchema,
});
export type AddAgentInput = z.infer<typeof addAgentSchema>;

export const updateAgentSchema = z.object({
  id: agentIdSchema,
  name: agentNameSchema,
  url: agentUrlSchema,
  token: keptTokenSchema.optional(),
});
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

/** The fields the agent form posts, in the order they appear (the first invalid one gets focus). */
export const AGENT_FORM_FIELDS = ["name", "url", "token"] as const;
export type AgentFormField = (typeof AGENT_FORM_FIELDS)[number];
