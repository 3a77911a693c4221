import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster/cluster";
import { newNonce, signedRequestHeaders } from "../../lib/agent-auth/peer-signature";
import { hashToken, mintToken, tokenDigest } from "../../lib/agent-auth/token-hash";
import { AgentClient } from "../../lib/agent-client/agent-client";
import { AgentHttpError } from "../../lib/agent-client/errors";
import { httpCall } from "../../lib/agent-client/http-call";
import { copiesOf, domain, scenario, startCluster, waitFor, waitForEnd } from "./harness";
import { Meddler, peerClient, reconfigure } from "./peer-harness";

/**
 * Agent authentication with real agent processes: hashes only in their files, tokens rotated by
 * SIGHUP without a restart, peer requests signed (forged, unsigned and replayed ones refused), and
 * a source that refuses a target's answer it cannot verify, keeping its domain.
 */

let cluster: Cluster;
const agent = (name: string) => cluster.agent(name);

beforeAll(async () => {
  cluster = await startCluster(
    scenario([
      { name: "h1", domains: [domain("r1", 512), domain("m1", 512), domain("m2", 512)] },
      { name: "h2", domains: [] },
    ]),
  );
});
afterAll(() => cluster?.stop());

async function refusal(call: Promise<unknown>): Promise<AgentHttpError> {
  const error = await call.then(
    () => expect.unreachable("expected a refusal"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AgentHttpError);
  return error as AgentHttpError;
}

describe("tokens", () => {
  it("the agents' config files hold only hashes; the manifest has the tokens", async () => {
    const manifest = cluster.manifest();
    for (const { name } of manifest.agents) {
      const file = await readFile(agent(name).configPath, "utf8");
      for (const other of manifest.agents) expect(file).not.toContain(other.token);
      expect(file).toContain(hashToken(agent(name).token));
      expect(JSON.parse(file)).not.toHaveProperty("token");
    }
  });

  it("refuses a wrong token with 401", async () => {
    const error = await refusal(new AgentClient({ url: agent("h1").config.url, token: mintToken() }).host());
    expect([error.status, error.code, error.message]).toEqual([401, "UNAUTHORIZED", "wrong bearer token"]);
  });

  it("rotates on SIGHUP without a restart: the old token expires with its message, the new one works", async () => {
    const h1 = agent("h1");
    const pid = h1.pid;
    const oldToken = h1.token;
    const newToken = mintToken();
    const expiredAt = new Date(Date.now() - 1000).toISOString();
    await reconfigure(cluster, "h1", (config) => ({
      ...config,
      tokens: [{ hash: hashToken(oldToken), notAfter: expiredAt }, { hash: hashToken(newToken) }],
    }));
    const error = await refusal(new AgentClient({ url: h1.config.url, token: oldToken }).host());
    expect(error.status).toBe(401);
    expect(error.message).toBe(`token expired at ${expiredAt}, rotated: use this agent's new token`);
    expect((await new AgentClient({ url: h1.config.url, token: newToken }).host()).name).toBe("h1");
    expect(h1.pid).toBe(pid);
    expect(h1.running).toBe(true);

    // h1 now signs with its new key only: h2, still holding the old hash, refuses it until told.
    const client = new AgentClient({ url: h1.config.url, token: newToken });
    const before = await client.dryRun({ domain: "r1", target: agent("h2").config.url });
    const auth = before.checks.find((check) => check.code === "AUTH_FAILED");
    expect(auth?.ok).toBe(false);
    expect(auth?.message).toContain("does not match h1's key");
    await reconfigure(cluster, "h2", (config) => ({
      ...config,
      peers: config.peers.map((peer) => (peer.name === "h1" ? { ...peer, hash: hashToken(newToken) } : peer)),
    }));
    const migration = await client.startMigration({ domain: "r1", target: agent("h2").config.url });
    expect((await waitForEnd(client, migration.id)).phase).toBe("completed");

    // A file that does not validate is refused, and the running tokens stay.
    await reconfigure(cluster, "h1", (config) => ({ ...config, tokens: [{ hash: "sha256:oops" }] }));
    expect((await client.host()).name).toBe("h1");
    expect(await readFile(h1.logPath, "utf8")).toContain("config reload refused, the running config stays");
    // Tests below use the agent's token from the harness, and a valid file.
    await reconfigure(cluster, "h1", (config) => ({ ...config, tokens: [{ hash: hashToken(newToken) }] }));
    (h1 as { token: string }).token = newToken;
  });
});

describe("peer requests", () => {
  const hello = () => JSON.stringify({ source: { name: "h1", url: agent("h1").config.url } });

  function send(headers: Record<string, string>, body = hello()) {
    return httpCall({
      method: "POST",
      url: `${agent("h2").config.url}/v1/peer/hello`,
      headers: { "content-type": "application/json", ...headers },
      body,
      timeoutMs: 5000,
    }).then((answer) => ({ status: answer.status, code: JSON.parse(answer.text).error?.code }));
  }

  function signedBy(key: Buffer, body = hello()) {
    return signedRequestHeaders([key], {
      method: "POST",
      path: "/v1/peer/hello",
      source: "h1",
      target: "h2",
      timestamp: String(Date.now()),
      nonce: newNonce(),
      body,
    });
  }

  it("refuses an unsigned request even with the target's own token", async () => {
    expect(await send({ authorization: `Bearer ${agent("h2").token}` })).toEqual({
      status: 401,
      code: "PEER_SIGNATURE_MISSING",
    });
  });

  it("refuses a forged signature and a replayed request", async () => {
    expect(await send(signedBy(tokenDigest(mintToken())))).toEqual({
      status: 401,
      code: "BAD_PEER_SIGNATURE",
    });
    const genuine = signedBy(tokenDigest(agent("h1").token));
    expect((await send(genuine)).status).toBe(200);
    expect(await send(genuine)).toEqual({ status: 401, code: "REPLAYED_PEER_REQUEST" });
  });

  it("refuses a source that names another agent than the one that signed", async () => {
    const error = await refusal(
      peerClient(cluster, "h1", "h2").raw("POST", "/v1/peer/hello", {
        source: { name: "h2", url: "http://x" },
      }),
    );
    expect([error.status, error.code]).toEqual([403, "SOURCE_MISMATCH"]);
  });
});

describe("a target's answer the source cannot verify", () => {
  let meddler: Meddler | undefined;
  afterAll(() => meddler?.close());

  /** h1 reaches h2 only through the meddler, which it takes for h2. */
  async function throughMeddler(meddle: Parameters<typeof Meddler.start>[1]): Promise<string> {
    await meddler?.close();
    meddler = await Meddler.start(agent("h2").config.url, meddle);
    const url = meddler.url;
    await reconfigure(cluster, "h1", (config) => ({
      ...config,
      peers: config.peers.map((peer) => (peer.name === "h2" ? { ...peer, url } : peer)),
    }));
    return url;
  }

  it("an unsigned hello: the pre-check fails AUTH_FAILED and nothing starts", async () => {
    const target = await throughMeddler((_path, answer) => {
      delete answer.headers["x-ballast-signature"];
    });
    const client = agent("h1").client();
    const error = await refusal(client.startMigration({ domain: "m1", target }));
    expect(error.status).toBe(422);
    const auth = error.checks.find((check) => check.code === "AUTH_FAILED");
    expect(auth?.message).toContain("is not signed by h2");
    expect(await copiesOf(cluster, "m1")).toEqual([{ host: "h1", state: "active", flags: "-n----" }]);
  });

  it("a changed answer mid-migration: the source refuses it, and the domain runs once, on the source", async () => {
    const target = await throughMeddler((path, answer) => {
      // Where to send the guest's memory, redirected: the signature no longer matches.
      if (path === "/v1/peer/migrations") answer.text = answer.text.replace(/"port":\d+/, '"port":1');
    });
    const client = agent("h1").client();
    const migration = await client.startMigration({ domain: "m2", target });
    const ended = await waitForEnd(client, migration.id);
    expect(ended.phase).toBe("failed");
    expect(ended.error).toContain("is not signed by h2");
    await waitFor("h2 to destroy its copy", async () => {
      const copies = await copiesOf(cluster, "m2");
      return copies.length === 1 ? copies : undefined;
    });
    expect(await copiesOf(cluster, "m2")).toEqual([{ host: "h1", state: "active", flags: "-n---e" }]);
  });
});

describe("logs", () => {
  it("never hold a token", async () => {
    for (const { name } of cluster.manifest().agents) {
      const log = await readFile(agent(name).logPath, "utf8");
      expect(log.length).toBeGreaterThan(0);
      for (const other of cluster.manifest().agents) expect(log).not.toContain(other.token);
    }
  });
});
