import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type Socket, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeJsonFrame, FrameType } from "../../agent/drivers/sim/wire";
import { Cluster } from "../../cluster/cluster";
import type { PrepareRequest, TransferEndpoint } from "../../lib/schemas/peer";
import { copiesOf, domain, scenario, waitFor, waitForEnd } from "./harness";
import { peerClient } from "./peer-harness";
import { makeCerts, type TestCerts } from "./tls-certs";

/**
 * The simulator's state stream between agents with `tls`: TLS both ways, the target's listener
 * accepting only a source whose certificate its CA signed, even one that knows the secret.
 */

const folder = mkdtempSync(join(tmpdir(), "ballast-stream-tls-"));
let certs: TestCerts;
beforeAll(() => {
  certs = makeCerts(folder);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function twoHosts(): ReturnType<typeof scenario> {
  return scenario([
    { name: "h1", domains: [domain("web1", 1024)] },
    { name: "h2", domains: [] },
  ]);
}

/** What a source says first; the listener answers `ready` only to one it accepts. */
function helloFrame(migrationId: string, secret: string): Buffer {
  return encodeJsonFrame(FrameType.hello, { migrationId, secret });
}

/** Sends the hello on `socket` and says whether a ready frame came back before it closed (or 5 s). */
function acceptedSession(socket: Socket, hello: Buffer): Promise<boolean> {
  const ready = encodeJsonFrame(FrameType.ready, {});
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const settle = (accepted: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(accepted);
    };
    const timer = setTimeout(() => settle(false), 5000);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.includes(ready)) settle(true);
    });
    socket.on("error", () => settle(false));
    socket.on("close", () => settle(false));
    socket.write(hello);
  });
}

/** A migration prepared on h2 by hand, signed as h1: the endpoint (and its secret) the source would get. */
async function prepareProbe(cluster: Cluster): Promise<{ id: string; endpoint: TransferEndpoint }> {
  const id = randomUUID();
  const request: PrepareRequest = {
    id,
    source: { name: "h1", url: cluster.agent("h1").config.url },
    domain: "probe1",
    targetName: "probe1",
    kind: "live",
    spec: {
      vcpus: 1,
      memoryBlocks: [{ realAddress: "0x8000000", sizeMiB: 256 }],
      cpuArch: "native",
      networks: [],
      disks: [],
      directIO: [],
      cryptoUnits: 0,
      delayedReconfig: false,
      workload: { cpuUsed: 0, dirtyRateMiBps: 0, wwsMiB: 0, pattern: "sweep" },
      state: "active",
      uptimeSeconds: 10,
    },
    params: { bandwidthBytesPerSec: 1e8, downtimeLimitMs: 300, onNoConvergence: "stop-and-copy" },
    prediction: null,
    startedAt: new Date().toISOString(),
  };
  return { id, endpoint: await peerClient(cluster, "h1", "h2").prepare(request) };
}

describe("the simulator's state stream between TLS agents", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await Cluster.start({
      scenario: twoHosts(),
      logLevel: "info",
      tls: { cert: certs.cert, key: certs.key, ca: certs.ca },
    });
  });
  afterAll(() => cluster?.stop());

  it("takes no session without a certificate its CA signed, even with the secret", async () => {
    const { id, endpoint } = await prepareProbe(cluster);
    if (endpoint.transport !== "sim-tcp") throw new Error(`unexpected ${endpoint.transport} endpoint`);
    expect(endpoint.tls).toBe(true);
    const { host, port } = endpoint;
    const hello = helloFrame(id, endpoint.secret);
    const ca = readFileSync(certs.ca);

    expect(await acceptedSession(tcpConnect({ host, port }), hello)).toBe(false);
    expect(await acceptedSession(tlsConnect({ host, port, ca }), hello)).toBe(false);
    const stranger = { cert: readFileSync(certs.foreignCert), key: readFileSync(certs.foreignKey) };
    expect(await acceptedSession(tlsConnect({ host, port, ca, ...stranger }), hello)).toBe(false);
    // The same probe with the agents' certificate is accepted: the refusals above were TLS's.
    const ours = { cert: readFileSync(certs.cert), key: readFileSync(certs.key) };
    expect(await acceptedSession(tlsConnect({ host, port, ca, ...ours }), hello)).toBe(true);

    await peerClient(cluster, "h1", "h2").abort(id, { outcome: "failed", reason: "probe done" });
    await waitFor("the probe's copy to go", async () =>
      (await cluster.agent("h2").client().domains()).length === 0 ? true : undefined,
    );
  });

  it("migrates live over it, the domain running once, on the target", async () => {
    const client = cluster.agent("h1").client();
    const migration = await client.startMigration({ domain: "web1", target: cluster.agent("h2").config.url });
    const final = await waitForEnd(client, migration.id);
    expect(final.error).toBeNull();
    expect(final.phase).toBe("completed");
    expect(await copiesOf(cluster, "web1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
  });
});

describe("a source whose certificate another CA signed", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    // h1 trusts both CAs (it reaches h2's HTTPS, and test clients reach it), but h2 trusts only ours.
    const foreign = { cert: certs.foreignCert, key: certs.foreignKey, ca: certs.bothCas };
    cluster = await Cluster.start({
      scenario: twoHosts(),
      logLevel: "info",
      tls: { cert: certs.cert, key: certs.key, ca: certs.ca },
      tlsByHost: { h1: foreign },
    });
  });
  afterAll(() => cluster?.stop());

  it("fails the migration cleanly, the domain still running on the source only", async () => {
    const client = cluster.agent("h1").client();
    expect((await cluster.agent("h2").client().host()).name).toBe("h2"); // h1's peer calls pass
    const migration = await client.startMigration({ domain: "web1", target: cluster.agent("h2").config.url });
    const final = await waitForEnd(client, migration.id);
    expect(final.phase).toBe("failed");
    expect(final.error).toMatch(
      /hung up before accepting the stream: over TLS, it does so when its tls.ca did not sign this agent's certificate/,
    );
    await waitFor("the target to give up its copy", async () =>
      (await cluster.agent("h2").client().domains()).length === 0 ? true : undefined,
    );
    // `e`: its last migration failed.
    expect(await copiesOf(cluster, "web1")).toEqual([{ host: "h1", state: "active", flags: "-n---e" }]);
  });
});

describe("a source with tls and a target without", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await Cluster.start({
      scenario: twoHosts(),
      logLevel: "info",
      tlsByHost: { h1: { cert: certs.cert, key: certs.key, ca: certs.ca } },
    });
  });
  afterAll(() => cluster?.stop());

  it("refuses to send the guest in the clear, and keeps it running", async () => {
    const client = cluster.agent("h1").client();
    const migration = await client.startMigration({ domain: "web1", target: cluster.agent("h2").config.url });
    const final = await waitForEnd(client, migration.id);
    expect(final.phase).toBe("failed");
    expect(final.error).toMatch(/target offers a plain migration stream; this agent has tls configured/);
    expect(await copiesOf(cluster, "web1")).toEqual([{ host: "h1", state: "active", flags: "-n---e" }]);
  });
});
