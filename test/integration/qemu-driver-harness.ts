import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll } from "vitest";
import { GUEST_READY_LINE } from "../../agent/drivers/qemu/guest-image";
import { Cluster, type ClusterOptions } from "../../cluster/cluster";
import type { Scenario } from "../../cluster/scenario";
import type { AgentClient } from "../../lib/agent-client/agent-client";
import type { MigrationStatus } from "../../lib/schemas/migration";
import { waitFor } from "./harness";
import { BOOT_TIMEOUT_MS, IMAGE_TIMEOUT_MS, qemuAndGuest } from "./qemu-harness";

/**
 * Clusters of real agents on the QEMU driver, with real guests, on loopback. Each test starts its
 * own and stops it afterwards: the agents, then every QEMU left under the cluster's state folder.
 */

export type QemuDomainSpec = Record<string, unknown> & { name: string };

/** A small guest that writes `dirtyRateMiBps` into a `wwsMiB` writing set. */
export function guest(
  name: string,
  options: { memoryMiB?: number; dirtyRateMiBps?: number; wwsMiB?: number; state?: string } = {},
): QemuDomainSpec {
  return {
    name,
    vcpus: 1,
    memoryMiB: options.memoryMiB ?? 192,
    networks: [{ switch: "vsw0" }],
    disks: [{ volume: `${name}-boot` }],
    workload: { dirtyRateMiBps: options.dirtyRateMiBps ?? 8, wwsMiB: options.wwsMiB ?? 48 },
    ...(options.state ? { state: options.state } : {}),
  };
}

export function qemuScenario(hosts: { name: string; domains: QemuDomainSpec[] }[]): Scenario {
  const volumes = Object.fromEntries(
    hosts.flatMap((host) => host.domains.map((d) => [`${d.name}-boot`, `san/${d.name}`])),
  );
  return {
    defaults: {
      allowMigrationsFrom: [".*"],
      timeScale: 1,
      // Starting an incoming QEMU takes a second or more on a busy machine.
      migration: { peerTimeoutMs: 20_000 },
      host: {
        memory: { limitMiB: 2048 },
        switches: [{ name: "vsw0" }],
        volumes,
        storage: ["san"],
      },
    },
    hosts,
  } as Scenario;
}

/** `extra`: more of the cluster's options, e.g. its agents' TLS. */
export async function startQemuCluster(
  scenario: Scenario,
  extra: Partial<ClusterOptions> = {},
): Promise<Cluster> {
  await qemuAndGuest();
  return Cluster.start({ scenario, driver: "qemu", logLevel: "info", startTimeoutMs: 60_000, ...extra });
}

/**
 * A cluster per test, for a file of real-QEMU tests: the guest image built before the first test, and
 * the cluster a test started stopped after it (its agents, then their QEMUs), whether it passed or not.
 */
export function qemuClusterPerTest() {
  let current: Cluster | undefined;
  beforeAll(() => qemuAndGuest(), IMAGE_TIMEOUT_MS);
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return {
    async start(scenario: Scenario, extra: Partial<ClusterOptions> = {}): Promise<Cluster> {
      current = await startQemuCluster(scenario, extra);
      return current;
    },
    /** The running test's cluster, once it started one. */
    get cluster(): Cluster {
      if (!current) throw new Error("this test has not started a QEMU cluster");
      return current;
    },
  };
}

/** The QEMU processes of domain `name` among the cluster's agents: found in /proc by their QMP socket. */
export async function qemuProcesses(
  cluster: Cluster,
  name: string,
): Promise<{ host: string; pid: number }[]> {
  const found: { host: string; pid: number }[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (!args[0]?.includes("qemu-system")) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue; // ended, not yet reaped
    for (const agent of cluster.agents) {
      const socket = join(agent.config.stateDir, "qemu", "run", name, "qmp.sock");
      if (args.some((arg) => arg.startsWith(`unix:${socket},`)))
        found.push({ host: agent.name, pid: Number(entry) });
    }
  }
  return found;
}

/** Where the domain is, by its agents' word: host, state and flags of each copy. */
export async function copies(cluster: Cluster, name: string) {
  const found: { host: string; state: string; flags: string }[] = [];
  for (const agent of cluster.agents) {
    if (!agent.running) continue;
    for (const d of await agent.client().domains())
      if (d.name === name) found.push({ host: agent.name, state: d.state, flags: d.flags });
  }
  return found;
}

/** Waits until the guest's workload runs (its line on the serial console of its QEMU on `host`). */
export async function waitForGuest(cluster: Cluster, host: string, name: string): Promise<void> {
  const log = join(cluster.agent(host).config.stateDir, "qemu", "run", name, "serial.log");
  await waitFor(
    `${name} on ${host} to run its workload`,
    async () => ((await readFile(log, "utf8").catch(() => "")).includes(GUEST_READY_LINE) ? true : undefined),
    BOOT_TIMEOUT_MS,
  );
}

/** What the guest said went wrong on `host`: a kernel panic, or its own memory check failing. */
export async function guestTrouble(cluster: Cluster, host: string, name: string): Promise<string[]> {
  const log = join(cluster.agent(host).config.stateDir, "qemu", "run", name, "serial.log");
  const text = await readFile(log, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((line) => /Kernel panic|BUG:|Oops|mismatches=[1-9]|workload ended/.test(line));
}

/** Every status of a migration until it ends, polled every 100 ms. */
export async function follow(
  client: AgentClient,
  id: string,
  timeoutMs = 120_000,
): Promise<MigrationStatus[]> {
  const seen: MigrationStatus[] = [];
  await waitFor(
    `migration ${id} to end`,
    async () => {
      const status = await client.migration(id);
      seen.push(status);
      if (["completed", "failed", "cancelled", "needs-attention"].includes(status.phase)) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return undefined;
    },
    timeoutMs,
  );
  return seen;
}
