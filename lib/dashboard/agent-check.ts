import { AgentHttpError, AgentUnreachableError } from "../agent-client/errors";
import type { Host } from "../schemas/host";

/**
 * The words of the agent registry: what to tell a person when an agent cannot be added, changed or
 * tested. Pure, so the rules are unit-tested; the server actions only call these. No message
 * ever contains a token (a message that could is passed through `redact`).
 */

export type AgentField = "name" | "url" | "token";

export type AgentCheck = { ok: true; host: Host } | { ok: false; error: string; field?: AgentField };

export interface HostSummary {
  name: string;
  driver: string;
  cpu: { model: string; strandsTotal: number; strandsFree: number; usedStrands: number };
  memory: { totalMiB: number; freeMiB: number };
  domains: { total: number; active: number };
}

/** What the Test button shows: the agent answered, with what it reports. */
export interface AgentTestReport {
  agent: { id: string; name: string; url: string };
  host: HostSummary;
  /** False when the host now reports another name than the registered one. */
  nameMatches: boolean;
}

/** Replaces every occurrence of the secret, in case an agent or a library echoes it back. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join("[token]") : text;
}

/** Why a call to the agent at `url` failed, in words, and which form field to fix. */
export function describeAgentError(error: unknown, url: string): { error: string; field?: AgentField } {
  if (error instanceof AgentUnreachableError) {
    const detail = error.message.replace(/^agent \S+ is unreachable: /, "");
    return { error: `agent at ${url} is not reachable: ${detail}`, field: "url" };
  }
  if (error instanceof AgentHttpError) {
    if (error.status === 401 && error.code === "TOKEN_EXPIRED")
      return {
        error: `agent at ${url} says this token was rotated out (${error.message}): enter its new token`,
        field: "token",
      };
    if (error.status === 401)
      return { error: `agent at ${url} rejected the token (401): check the token`, field: "token" };
    if (error.status === 403)
      return { error: `agent at ${url} refused the request (403): ${error.message}`, field: "token" };
    if (error.status === 404)
      return { error: `${url} answered 404 for /v1/host: is this the agent's base URL?`, field: "url" };
    return { error: `agent at ${url} answered ${error.status}: ${error.message}`, field: "url" };
  }
  const name = error instanceof Error ? error.name : "unknown error";
  return { error: `could not ask the agent at ${url} (${name})`, field: "url" };
}

export function nameMismatchMessage(given: string, reported: string): string {
  return `the agent reports the name "${reported}", not "${given}": register it as "${reported}"`;
}

/**
 * Asks the agent for its host (with the token being registered) and checks that it is the host
 * the person named: the name is how migrations and peers refer to it.
 */
export async function checkAgent(
  input: { name: string; url: string; token?: string },
  fetchHost: () => Promise<Host>,
): Promise<AgentCheck> {
  let host: Host;
  try {
    host = await fetchHost();
  } catch (error) {
    const described = describeAgentError(error, input.url);
    return { ok: false, ...described, error: redact(described.error, input.token) };
  }
  if (host.name !== input.name)
    return { ok: false, error: nameMismatchMessage(input.name, host.name), field: "name" };
  return { ok: true, host };
}

/** Which unique column a Prisma P2002 error is about, from the native engine's or the driver adapter's meta. */
export function uniqueViolationField(error: unknown): "name" | "url" | "unknown" | null {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002")
    return null;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  // SQLite's adapter names the fields; PostgreSQL's names the index ("Agent_name_key").
  const adapter = meta.driverAdapterError as
    | { cause?: { constraint?: { fields?: unknown; index?: unknown } } }
    | undefined;
  const constraint = adapter?.cause?.constraint;
  const raw = meta.target ?? constraint?.fields ?? constraint?.index;
  const fields = (Array.isArray(raw) ? raw : [raw]).map(String);
  if (fields.some((field) => field === "name" || field.endsWith("_name_key"))) return "name";
  if (fields.some((field) => field === "url" || field.endsWith("_url_key"))) return "url";
  return "unknown";
}

export function duplicateMessage(
  field: "name" | "url" | "unknown",
  input: { name: string; url: string },
): { error: string; field?: AgentField } {
  if (field === "name")
    return { error: `an agent named "${input.name}" is already registered`, field: "name" };
  if (field === "url") return { error: `an agent at ${input.url} is already registered`, field: "url" };
  return { error: "an agent with this name or URL is already registered" };
}

export function unknownAgentMessage(): string {
  return "this agent is no longer registered (removed meanwhile?): reload the page";
}

/** For logs: the kind of an unexpected error, never its message (Prisma's quotes the query, token included). */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} ${code}` : error.name;
}

export function summarizeHost(host: Host): HostSummary {
  return {
    name: host.name,
    driver: host.driver,
    cpu: {
      model: host.cpu.model,
      strandsTotal: host.cpu.strandsTotal,
      strandsFree: host.cpu.strandsFree,
      usedStrands: host.cpu.usedStrands,
    },
    memory: { totalMiB: host.memory.totalMiB, freeMiB: host.memory.freeMiB },
    domains: host.domains,
  };
}

const gib = (mib: number) => `${(mib / 1024).toFixed(1)} GiB`;

/** One line for the Test button's result: "48 of 64 CPU strands free, 40.0 of 64.0 GiB memory free, ...". */
export function describeHostSummary(summary: HostSummary): string {
  const { cpu, memory, domains } = summary;
  return [
    `${cpu.strandsFree} of ${cpu.strandsTotal} CPU strands free (${cpu.model})`,
    `${gib(memory.freeMiB)} of ${gib(memory.totalMiB)} memory free`,
    `${domains.active} of ${domains.total} domains active`,
  ].join(", ");
}
