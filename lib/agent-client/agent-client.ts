import type { z } from "zod";
import { type Domain, domainSchema } from "../schemas/domain";
import { describeZodError, errorBodySchema } from "../schemas/errors";
import { type Host, hostSchema } from "../schemas/host";
import {
  type DryRunResult,
  dryRunResultSchema,
  type MigrationStatus,
  migrationStatusSchema,
  type StartMigrationRequest,
} from "../schemas/migration";
import { type HostSummaryAnswer, hostSummarySchema } from "../schemas/summary";
import { AgentHttpError, AgentUnreachableError } from "./errors";
import { type ClientTls, HttpCallError, httpCall } from "./http-call";
import { agentTlsFromEnv } from "./tls-env";

/**
 * A typed client of the host agent's API v1, used by the command-line client, the dashboard, the
 * tests and the agents themselves. Every answer is parsed with the API's schemas.
 */

export interface AgentClientOptions {
  url: string;
  token: string;
  /** Every call ends within this (10 s unless given), answered or not. */
  timeoutMs?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** CA (and client certificate) for https agents; from BALLAST_AGENT_CA/_CERT/_KEY unless given. */
  tls?: ClientTls;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export type StartMigrationInput = Partial<StartMigrationRequest> &
  Pick<StartMigrationRequest, "domain" | "target">;

export class AgentClient {
  readonly url: string;

  constructor(private readonly options: AgentClientOptions) {
    this.url = options.url.replace(/\/+$/, "");
  }

  host(): Promise<Host> {
    return this.request("GET", "/v1/host", hostSchema);
  }

  domains(): Promise<Domain[]> {
    return this.request("GET", "/v1/domains", domainSchema.array());
  }

  /** The host and its migrations in one request (GET /v1/summary). */
  summary(): Promise<HostSummaryAnswer> {
    return this.request("GET", "/v1/summary", hostSummarySchema);
  }

  migrations(): Promise<MigrationStatus[]> {
    return this.request("GET", "/v1/migrations", migrationStatusSchema.array());
  }

  migration(id: string): Promise<MigrationStatus> {
    return this.request("GET", `/v1/migrations/${encodeURIComponent(id)}`, migrationStatusSchema);
  }

  /** Starts a migration; a failed pre-check throws an AgentHttpError (422) carrying the checks. */
  startMigration(input: StartMigrationInput): Promise<MigrationStatus> {
    return this.request("POST", "/v1/migrations", migrationStatusSchema, { ...input, dryRun: false });
  }

  dryRun(input: StartMigrationInput): Promise<DryRunResult> {
    return this.request("POST", "/v1/migrations", dryRunResultSchema, { ...input, dryRun: true });
  }

  cancel(id: string): Promise<MigrationStatus> {
    return this.request("POST", `/v1/migrations/${encodeURIComponent(id)}/cancel`, migrationStatusSchema, {});
  }

  /** Settles a migration that needs attention: keep the domain on the source or on the target. */
  resolve(id: string, keep: "source" | "target"): Promise<MigrationStatus> {
    return this.request("POST", `/v1/migrations/${encodeURIComponent(id)}/resolve`, migrationStatusSchema, {
      keep,
    });
  }

  /** Defines a domain (drivers that manage their domains: QEMU); `state: "active"` starts it too. */
  defineDomain(definition: Record<string, unknown> & { name: string }): Promise<Domain> {
    return this.request("POST", "/v1/domains", domainSchema, definition);
  }

  startDomain(name: string): Promise<Domain> {
    return this.request("POST", `/v1/domains/${encodeURIComponent(name)}/start`, domainSchema, {});
  }

  stopDomain(name: string): Promise<Domain> {
    return this.request("POST", `/v1/domains/${encodeURIComponent(name)}/stop`, domainSchema, {});
  }

  async undefineDomain(name: string): Promise<void> {
    await this.raw("DELETE", `/v1/domains/${encodeURIComponent(name)}`);
  }

  async healthy(): Promise<boolean> {
    try {
      await this.raw("GET", "/healthz");
      return true;
    } catch {
      return false;
    }
  }

  async request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    return parseAnswer(`${this.url}${path}`, schema, await this.raw(method, path, body));
  }

  async raw(method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await sendToAgent(this.url, {
      method,
      url: `${this.url}${path}`,
      headers: {
        authorization: `Bearer ${this.options.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...this.options.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      tls: this.options.tls ?? agentTlsFromEnv(),
    });
    return readAnswer(this.url, answer.status, answer.text);
  }
}

/** One exchange with an agent; failing to get an answer is an AgentUnreachableError naming it. */
export async function sendToAgent(agentUrl: string, call: Parameters<typeof httpCall>[0]) {
  try {
    return await httpCall(call);
  } catch (error) {
    const why = error instanceof HttpCallError ? error.message : String(error);
    throw new AgentUnreachableError(`agent ${agentUrl} is unreachable: ${why}`);
  }
}

/** An answer checked against its schema: anything else counts as no usable answer. */
export function parseAnswer<S extends z.ZodType>(where: string, schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AgentUnreachableError(
      `${where} answered an unexpected body: ${describeZodError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** An answer's body, or the AgentHttpError its error status and body (CONTRACTS' shape) say. */
export function readAnswer(agentUrl: string, status: number, text: string): unknown {
  const data = parseJson(text);
  if (status >= 200 && status < 300) return data;
  const error = errorBodySchema.safeParse(data);
  if (error.success) {
    throw new AgentHttpError(status, error.data.error.code, error.data.error.message, error.data.checks);
  }
  throw new AgentHttpError(status, "HTTP_ERROR", `agent ${agentUrl} answered ${status}`);
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}
