import { mkdtempSync, rmSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_TLS_DIR, MIGRATION_TLS_ID } from "../../agent/drivers/qemu/migration-tls";
import { QmpClient } from "../../agent/drivers/qemu/qmp-client";
import type { MigrationStatus } from "../../lib/schemas/migration";
import {
  copies,
  follow,
  guest,
  guestTrouble,
  qemuClusterPerTest,
  qemuProcesses,
  qemuScenario,
  waitForGuest,
} from "./qemu-driver-harness";
import { makeCerts, type TestCerts } from "./tls-certs";

/**
 * A real guest live-migrated between two agents with `tls`: QEMU's own stream goes over TLS with
 * both QEMUs' certificates (tls-creds-x509), beside the agents' TLS control link.
 */

const folder = mkdtempSync(join(tmpdir(), "ballast-qemu-tls-"));
let certs: TestCerts;
beforeAll(() => {
  certs = makeCerts(folder);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const qemu = qemuClusterPerTest();
const agent = (name: string) => qemu.cluster.agent(name);

describe("QEMU driver: live migration between TLS agents", () => {
  it("moves the guest over QEMU's TLS stream (tls-creds set, key 0600), onto the target only", async () => {
    await qemu.start(
      qemuScenario([
        { name: "h1", domains: [guest("tls1", { dirtyRateMiBps: 4, wwsMiB: 32 })] },
        { name: "h2", domains: [] },
      ]),
      { tls: { cert: certs.cert, key: certs.key, ca: certs.ca, requireClientCert: true } },
    );
    await waitForGuest(qemu.cluster, "h1", "tls1");
    const request = { domain: "tls1", target: agent("h2").config.url, maxBandwidthMiBps: 32 };
    const started = await agent("h1").client(30_000).startMigration(request);
    const final = (await follow(agent("h1").client(), started.id)).at(-1) as MigrationStatus;
    expect(final.error).toBeNull();
    expect(final.phase).toBe("completed");
    expect(await copies(qemu.cluster, "tls1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
    expect((await qemuProcesses(qemu.cluster, "tls1")).map((process) => process.host)).toEqual(["h2"]);

    // The target's QEMU took the stream with server credentials from the agent's files.
    const runDir = join(agent("h2").config.stateDir, "qemu", "run", "tls1");
    const credsDir = join(runDir, MIGRATION_TLS_DIR);
    expect((await readdir(credsDir)).sort()).toEqual(["ca-cert.pem", "server-cert.pem", "server-key.pem"]);
    expect(statSync(join(credsDir, "server-key.pem")).mode & 0o777).toBe(0o600);
    expect(statSync(credsDir).mode & 0o777).toBe(0o700);
    // QMP takes one client: the agent lets go of it (the guest outlives its agent), then QEMU is asked.
    await agent("h2").stop();
    const qmp = await QmpClient.connect(join(runDir, "qmp.sock"), { timeoutMs: 5000 });
    try {
      const parameters = (await qmp.execute("query-migrate-parameters")) as Record<string, unknown>;
      expect(parameters["tls-creds"]).toBe(MIGRATION_TLS_ID);
      const status = (await qmp.execute("query-status")) as { running: boolean };
      expect(status.running).toBe(true);
    } finally {
      qmp.close();
    }
    expect(await guestTrouble(qemu.cluster, "h2", "tls1")).toEqual([]);
  }, 240_000);
});

describe("QEMU driver: a source whose certificate another CA signed", () => {
  it("fails the migration cleanly: the guest runs on the source only, in one QEMU", async () => {
    await qemu.start(
      qemuScenario([
        { name: "h1", domains: [guest("tls2")] },
        { name: "h2", domains: [] },
      ]),
      {
        tls: { cert: certs.cert, key: certs.key, ca: certs.ca },
        tlsByHost: { h1: { cert: certs.foreignCert, key: certs.foreignKey, ca: certs.bothCas } },
      },
    );
    await waitForGuest(qemu.cluster, "h1", "tls2");
    const request = { domain: "tls2", target: agent("h2").config.url, maxBandwidthMiBps: 32 };
    const started = await agent("h1").client(30_000).startMigration(request);
    const final = (await follow(agent("h1").client(), started.id)).at(-1) as MigrationStatus;
    expect(final.phase).toBe("failed");
    expect(final.error).toMatch(/did not sign this agent's certificate/);
    expect(await copies(qemu.cluster, "tls2")).toEqual([{ host: "h1", state: "active", flags: "-n---e" }]);
    expect((await qemuProcesses(qemu.cluster, "tls2")).map((process) => process.host)).toEqual(["h1"]);
    expect(await guestTrouble(qemu.cluster, "h1", "tls2")).toEqual([]);
  }, 240_000);
});
