import { describe, expect, it } from "vitest";
import { AgentHttpError, AgentUnreachableError } from "../agent-client/errors";
import type { Host } from "../schemas/host";
import {
  checkAgent,
  describeAgentError,
  describeHostSummary,
  duplicateMessage,
  errorKind,
  redact,
  summarizeHost,
  uniqueViolationField,
} from "./agent-check";

const AGENT_URL = "http://host1:7000";
const TOKEN = "s3cret-token-0123456789";

function host(name: string): Host {
  return {
    name,
    driver: "sim",
    cpu: { model: "SPARC-T5", strandsTotal: 64, strandsFree: 48, usedStrands: 10.5 },
    memory: { totalMiB: 65536, freeMiB: 40960 },
    domains: { total: 5, active: 3 },
  } as unknown as Host;
}

describe("describeAgentError", () => {
  it("unreachable: says so with the AGENT_URL and why, and points at the AGENT_URL field", () => {
    const error = new AgentUnreachableError(`agent ${AGENT_URL} is unreachable: ECONNREFUSED`);
    expect(describeAgentError(error, AGENT_URL)).toEqual({
      error: "agent at http://host1:7000 is not reachable: ECONNREFUSED",
      field: "url",
    });
  });

  it("an unreadable answer counts as not reachable", () => {
    const error = new AgentUnreachableError(
      `${AGENT_URL}/v1/host answered an unexpected body: name: required`,
    );
    expect(describeAgentError(error, AGENT_URL).error).toBe(
      `agent at ${AGENT_URL} is not reachable: ${AGENT_URL}/v1/host answered an unexpected body: name: required`,
    );
  });

  it("401 for an expired token: it was rotated out, and the agent's words say when", () => {
    const error = new AgentHttpError(
      401,
      "TOKEN_EXPIRED",
      "token expired at 2026-12-01T10:00:00.000Z, rotated",
    );
    expect(describeAgentError(error, "http://host1:7000")).toEqual({
      error:
        "agent at http://host1:7000 says this token was rotated out (token expired at 2026-12-01T10:00:00.000Z, rotated): enter its new token",
      field: "token",
    });
  });

  it("401: the token was rejected, and the token field is to fix", () => {
    const error = new AgentHttpError(401, "UNAUTHORIZED", "missing or wrong bearer token");
    expect(describeAgentError(error, AGENT_URL)).toEqual({
      error: "agent at http://host1:7000 rejected the token (401): check the token",
      field: "token",
    });
  });

  it("404: probably not the agent's base URL", () => {
    const error = new AgentHttpError(404, "NOT_FOUND", "no route");
    expect(describeAgentError(error, AGENT_URL)).toMatchObject({ field: "url" });
    expect(describeAgentError(error, AGENT_URL).error).toContain("base URL");
  });

  it("other statuses carry the agent's message", () => {
    const error = new AgentHttpError(500, "INTERNAL", "disk full");
    expect(describeAgentError(error, AGENT_URL).error).toBe(
      "agent at http://host1:7000 answered 500: disk full",
    );
  });

  it("anything else: the kind of error only, never its message", () => {
    const error = new TypeError(`Invalid header value Bearer ${TOKEN}`);
    const described = describeAgentError(error, AGENT_URL);
    expect(described.error).toBe("could not ask the agent at http://host1:7000 (TypeError)");
    expect(described.error).not.toContain(TOKEN);
  });
});

describe("checkAgent", () => {
  const input = { name: "host1", url: AGENT_URL, token: TOKEN };

  it("passes when the agent answers and reports the given name", async () => {
    const result = await checkAgent(input, async () => host("host1"));
    expect(result).toEqual({ ok: true, host: host("host1") });
  });

  it("refuses another name, saying which name the agent reports", async () => {
    const result = await checkAgent(input, async () => host("host2"));
    expect(result).toEqual({
      ok: false,
      error: 'the agent reports the name "host2", not "host1": register it as "host2"',
      field: "name",
    });
  });

  it("names are compared exactly (the name is how migrations find the host)", async () => {
    const result = await checkAgent(input, async () => host("HOST1"));
    expect(result.ok).toBe(false);
  });

  it("maps failures to words and removes the token should an agent echo it", async () => {
    const result = await checkAgent(input, async () => {
      throw new AgentHttpError(403, "FORBIDDEN", `token ${TOKEN} not allowed`);
    });
    expect(result).toEqual({
      ok: false,
      error: "agent at http://host1:7000 refused the request (403): token [token] not allowed",
      field: "token",
    });
  });
});

describe("uniqueViolationField (Prisma P2002)", () => {
  it("reads the driver adapter's meta (SQLite through better-sqlite3)", () => {
    const error = {
      code: "P2002",
      meta: { modelName: "Agent", driverAdapterError: { cause: { constraint: { fields: ["url"] } } } },
    };
    expect(uniqueViolationField(error)).toBe("url");
  });

  it("reads the driver adapter's index name (PostgreSQL through node-postgres)", () => {
    const error = {
      code: "P2002",
      meta: {
        modelName: "Agent",
        driverAdapterError: { cause: { constraint: { index: "Agent_name_key" } } },
      },
    };
    expect(uniqueViolationField(error)).toBe("name");
  });

  it("reads the native engine's target, as field list or index name", () => {
    expect(uniqueViolationField({ code: "P2002", meta: { target: ["name"] } })).toBe("name");
    expect(uniqueViolationField({ code: "P2002", meta: { target: "Agent_url_key" } })).toBe("url");
  });

  it("unknown column, and errors that are not P2002", () => {
    expect(uniqueViolationField({ code: "P2002" })).toBe("unknown");
    expect(uniqueViolationField({ code: "P2025" })).toBeNull();
    expect(uniqueViolationField(new Error("x"))).toBeNull();
    expect(uniqueViolationField(null)).toBeNull();
  });
});

describe("messages", () => {
  it("duplicates name what is taken and the field to change", () => {
    const input = { name: "host1", url: AGENT_URL };
    expect(duplicateMessage("name", input)).toEqual({
      error: 'an agent named "host1" is already registered',
      field: "name",
    });
    expect(duplicateMessage("url", input)).toEqual({
      error: "an agent at http://host1:7000 is already registered",
      field: "url",
    });
    expect(duplicateMessage("unknown", input).field).toBeUndefined();
  });

  it("redact removes every copy of the secret", () => {
    expect(redact(`a ${TOKEN} b ${TOKEN}`, TOKEN)).toBe("a [token] b [token]");
    expect(redact("nothing", undefined)).toBe("nothing");
  });

  it("errorKind gives name and code, never the message", () => {
    const prismaLike = Object.assign(new Error(`data: { token: "${TOKEN}" }`), { code: "P1001" });
    prismaLike.name = "PrismaClientKnownRequestError";
    expect(errorKind(prismaLike)).toBe("PrismaClientKnownRequestError P1001");
    expect(errorKind("text")).toBe("string");
  });

  it("summarizes a host's CPU, memory and domains in one line", () => {
    expect(describeHostSummary(summarizeHost(host("host1")))).toBe(
      "48 of 64 CPU strands free (SPARC-T5), 40.0 GiB of 64.0 GiB memory free, 3 of 5 domains active",
    );
  });
});
