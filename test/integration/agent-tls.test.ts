import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cluster } from "../../cluster/cluster";
import { AgentClient } from "../../lib/agent-client/agent-client";
import { AgentUnreachableError } from "../../lib/agent-client/errors";
import { agentTlsFromEnv } from "../../lib/agent-client/tls-env";
import { copiesOf, domain, scenario, waitForEnd } from "./harness";
import { makeCerts, type TestCerts } from "./tls-certs";

/** TLS on: agents serving HTTPS from files, clients trusting their CA, migrations between them. */

const folder = mkdtempSync(join(tmpdir(), "ballast-tls-"));
let certs: TestCerts;
afterAll(() => rmSync(folder, { recursive: true, force: true }));
beforeAll(() => {
  certs = makeCerts(folder);
});

async function unreachable(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => expect.unreachable("expected the call to fail"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AgentUnreachableError);
  return (error as Error).message;
}

function tlsCluster(requireClientCert: boolean): Promise<Cluster> {
  return Cluster.start({
    scenario: scenario([
      { name: "h1", domains: [domain("web1", 1024), domain("web2", 512)] },
      { name: "h2", domains: [] },
    ]),
    logLevel: "info",
    tls: { cert: certs.cert, key: certs.key, ca: certs.ca, requireClientCert },
  });
}

describe("agents over HTTPS", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await tlsCluster(false);
  });
  afterAll(() => cluster?.stop());
  const h1 = () => cluster.agent("h1");

  it("a dashboard-style client with the CA (BALLAST_AGENT_CA) works", async () => {
    expect(h1().config.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const tls = agentTlsFromEnv({ BALLAST_AGENT_CA: certs.ca });
    const client = new AgentClient({ url: h1().config.url, token: h1().token, tls });
    expect((await client.host()).name).toBe("h1");
  });

  it("without the CA, or with a certificate nobody signed, fails with a clear error", async () => {
    const noCa = new AgentClient({ url: h1().config.url, token: h1().token, tls: {} });
    expect(await unreachable(noCa.host())).toMatch(
      /its TLS certificate is not trusted \(\w+\): give this client the CA/,
    );
    const plain = new AgentClient({ url: h1().config.url.replace("https:", "http:"), token: h1().token });
    expect(await unreachable(plain.host())).toContain("is unreachable");
    expect(() => agentTlsFromEnv({ BALLAST_AGENT_CA: join(folder, "none.pem") })).toThrow(
      /BALLAST_AGENT_CA: cannot read .*none\.pem: ENOENT/,
    );
  });

  it("migrates live between two TLS agents", async () => {
    const client = h1().client();
    const migration = await client.startMigration({ domain: "web1", target: cluster.agent("h2").config.url });
    expect((await waitForEnd(client, migration.id)).phase).toBe("completed");
    expect(await copiesOf(cluster, "web1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
  });
});

describe("agents requiring client certificates", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await tlsCluster(true);
  });
  afterAll(() => cluster?.stop());
  const h1 = () => cluster.agent("h1");

  it("refuse a client without a certificate, or with one their CA did not sign", async () => {
    const ca = agentTlsFromEnv({ BALLAST_AGENT_CA: certs.ca });
    const anonymous = new AgentClient({ url: h1().config.url, token: h1().token, tls: ca });
    expect(await unreachable(anonymous.host())).toContain("it requires a client certificate its CA signed");
    const stranger = agentTlsFromEnv({
      BALLAST_AGENT_CA: certs.ca,
      BALLAST_AGENT_CERT: certs.strangerCert,
      BALLAST_AGENT_KEY: certs.strangerKey,
    });
    const strangerClient = new AgentClient({ url: h1().config.url, token: h1().token, tls: stranger });
    expect(await unreachable(strangerClient.host())).toContain("is unreachable");
    const signed = agentTlsFromEnv({
      BALLAST_AGENT_CA: certs.ca,
      BALLAST_AGENT_CERT: certs.cert,
      BALLAST_AGENT_KEY: certs.key,
    });
    expect(
      (await new AgentClient({ url: h1().config.url, token: h1().token, tls: signed }).host()).name,
    ).toBe("h1");
  });

  it("migrate between themselves, each presenting its certificate to the other", async () => {
    const client = h1().client();
    const migration = await client.startMigration({ domain: "web2", target: cluster.agent("h2").config.url });
    expect((await waitForEnd(client, migration.id)).phase).toBe("completed");
  });
});
