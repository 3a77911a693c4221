import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster/cluster";
import { AgentHttpError } from "../../lib/agent-client/errors";
import { domain, scenario, startCluster, waitForEnd, waitForPhase } from "./harness";
import { peerClient } from "./peer-harness";

/** What the API refuses, and that a refusal changes nothing: tokens, allow-lists, bad bodies, busy domains. */

let cluster: Cluster;
const agent = (name: string) => cluster.agent(name);
const h1 = () => agent("h1").client();

beforeAll(async () => {
  cluster = await startCluster(
    scenario([
      { name: "h1", domains: [domain("a1", 1024), domain("busy1", 2048), domain("a2", 512)] },
      { name: "h2", domains: [] },
      { name: "h3", allowMigrationsFrom: ["^h2$", "^10\\.9\\."], domains: [] },
      { name: "h4", allowMigrationsFrom: [], domains: [] },
    ]),
  );
});
afterAll(() => cluster?.stop());

async function post(
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${agent("h1").config.url}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${agent("h1").token}`,
      "content-type": "application/json",
      ...headers,
    },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe("bearer token", () => {
  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: "Bearer not-the-token-at-all" }],
    ["another scheme", { authorization: "Basic aDE6c2VjcmV0" }],
  ])("refuses %s with 401 on every route, and does nothing", async (_label, headers) => {
    const url = agent("h1").config.url;
    for (const path of [
      "/healthz",
      "/metrics",
      "/v1/host",
      "/v1/summary",
      "/v1/domains",
      "/v1/migrations",
      "/v1/peer/hello",
    ]) {
      const response = await fetch(`${url}${path}`, { headers });
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    }
    const response = await fetch(`${url}/v1/migrations`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ domain: "a1", target: agent("h2").config.url }),
    });
    expect(response.status).toBe(401);
    expect(await h1().migrations()).toEqual([]);
  });
});

describe("allow-list of migration sources", () => {
  it("refuses a source the target's patterns do not match", async () => {
    const result = await h1().dryRun({ domain: "a1", target: agent("h3").config.url });
    const check = result.checks.find((c) => c.code === "NOT_ALLOWED_BY_TARGET");
    expect(check?.ok).toBe(false);
    expect(check?.message).toContain("h3 does not accept migrations from h1");
  });

  it("accepts nobody when the list is empty, and a refused migration is not started", async () => {
    const error = await h1()
      .startMigration({ domain: "a1", target: agent("h4").config.url })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentHttpError);
    expect((error as AgentHttpError).status).toBe(422);
    expect((error as AgentHttpError).checks.filter((c) => !c.ok).map((c) => c.code)).toEqual([
      "NOT_ALLOWED_BY_TARGET",
    ]);
    expect(await h1().migrations()).toEqual([]);
  });

  it("also guards the peer routes themselves", async () => {
    const error = await peerClient(cluster, "h1", "h4")
      .raw("POST", "/v1/peer/hello", { source: { name: "h1", url: agent("h1").config.url } })
      .catch((e: unknown) => e);
    expect((error as AgentHttpError).status).toBe(403);
    expect((error as AgentHttpError).code).toBe("NOT_ALLOWED_BY_TARGET");
  });
});

describe("malformed requests", () => {
  it.each([
    ["not JSON", "{nope"],
    ["an empty object", "{}"],
    ["no target", JSON.stringify({ domain: "a1" })],
    ["a target that is no URL", JSON.stringify({ domain: "a1", target: "h2" })],
    ["an unknown kind", JSON.stringify({ domain: "a1", target: "http://127.0.0.1:1", kind: "teleport" })],
    [
      "a negative bandwidth",
      JSON.stringify({ domain: "a1", target: "http://127.0.0.1:1", maxBandwidthMiBps: -5 }),
    ],
    ["an unknown field", JSON.stringify({ domain: "a1", target: "http://127.0.0.1:1", force: true })],
    ["a bad domain name", JSON.stringify({ domain: "../etc", target: "http://127.0.0.1:1" })],
    ["dryRun as a string", JSON.stringify({ domain: "a1", target: "http://127.0.0.1:1", dryRun: "yes" })],
  ])("answers %s with 400 and starts nothing", async (_label, body) => {
    const response = await post("/v1/migrations", body);
    expect(response.status).toBe(400);
    expect((response.body as { error: { code: string; message: string } }).error.code).toBe("BAD_REQUEST");
    expect(await h1().migrations()).toEqual([]);
    expect((await h1().domains()).every((d) => d.flags === "-n----")).toBe(true);
  });

  it("names the field at fault", async () => {
    const response = await post(
      "/v1/migrations",
      JSON.stringify({ domain: "a1", target: agent("h2").config.url, kind: "teleport" }),
    );
    expect((response.body as { error: { message: string } }).error.message).toMatch(/^kind: /);
  });

  it("answers an unknown domain with 404 and an unknown route with 404", async () => {
    const unknownDomain = await post(
      "/v1/migrations",
      JSON.stringify({ domain: "ghost", target: agent("h2").config.url }),
    );
    expect(unknownDomain.status).toBe(404);
    const unknownRoute = await post("/v1/teleport", "{}");
    expect(unknownRoute.status).toBe(404);
  });

  it("refuses a peer body that does not parse", async () => {
    const error = await peerClient(cluster, "h1", "h2")
      .raw("POST", "/v1/peer/migrations", { id: "x", spec: { vcpus: -1 } })
      .catch((e: unknown) => e);
    expect((error as AgentHttpError).status).toBe(400);
    expect(await agent("h2").client().migrations()).toEqual([]);
  });

  it("answers a body over the limit (1 MiB) with 413 in the error shape, and starts nothing", async () => {
    const huge = JSON.stringify({ domain: "a1", target: agent("h2").config.url, pad: "x".repeat(1_100_000) });
    const response = await post("/v1/migrations", huge);
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: { code: "BODY_TOO_LARGE", message: expect.any(String) } });
    expect(await h1().migrations()).toEqual([]);
  });

  it("lets clients still sending oversized bodies read the 413 rather than a broken pipe", async () => {
    // The agent refuses on the declared length at once; without reading the rest, some of these
    // senders (several percent here) got EPIPE instead of the answer.
    const huge = JSON.stringify({ domain: "a1", target: agent("h1").config.url, pad: "x".repeat(1_100_000) });
    const statuses: (number | string)[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 6; i++) {
          statuses.push(
            await post("/v1/migrations", huge).then(
              (r) => r.status,
              (e: Error) => e.message,
            ),
          );
        }
      }),
    );
    expect(statuses.filter((status) => status !== 413)).toEqual([]);
  });
});

describe("a domain under migration", () => {
  it("refuses a second migration with DOMAIN_BUSY", async () => {
    const first = await h1().startMigration({
      domain: "busy1",
      target: agent("h2").config.url,
      maxBandwidthMiBps: 20,
    });
    await waitForPhase(h1(), first.id, ["transfer"]);
    const error = (await h1()
      .startMigration({ domain: "busy1", target: agent("h2").config.url })
      .catch((caught: unknown) => caught)) as AgentHttpError;
    expect(error.status).toBe(422);
    const busy = error.checks.find((check) => check.code === "DOMAIN_BUSY");
    expect(busy?.ok).toBe(false);
    expect(busy?.message).toContain(first.id);
    expect((await h1().migrations()).length).toBe(1);
    await h1().cancel(first.id);
    expect((await waitForEnd(h1(), first.id)).phase).toBe("cancelled");
  });
});
