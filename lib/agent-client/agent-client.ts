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

/**
 * A typed client of the host agent's API v1, used by the command-line client, the dashboard, the
 * tests and the agents themselves. Every answer is parsed with the API's schemas.
 */

export interface AgentClientOptions {
  url: string;
  token: string;
  timeoutMs?: number;
  /** Extra headers on every request (agents name themselves to their peers). */
  headers?: Record<string, string>;
}

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
    const data = await this.raw(method, path, body);
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new AgentUnreachableError(
        `${this.url}${path} answered an unexpected body: ${describeZodError(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  async raw(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...this.options.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new AgentUnreachableError(`agent ${this.url} is unreachable: ${describeFetchError(error)}`);
    }
    const text = await response.text().catch(() => "");
    const data = parseJson(text);
    if (response.ok) return data;
    const error = errorBodySchema.safeParse(data);
    if (error.success) {
      throw new AgentHttpError(
        response.status,
        error.data.error.code,
        error.data.error.message,
        error.data.checks,
      );
    }
    throw new AgentHttpError(response.status, "HTTP_ERROR", `agent ${this.url} answered ${response.status}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return "no answer in time";
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
