import { Cluster } from "../../cluster/cluster";
import type { Scenario } from "../../cluster/scenario";
import type { AgentClient } from "../../lib/agent-client/agent-client";
import { isFinalPhase, type MigrationStatus, type Phase } from "../../lib/schemas/migration";

/**
 * Small clusters of real agent processes on loopback for the integration tests: two or three
 * identical hosts and a handful of domains, sized so a test controls how long a transfer takes
 * through the request's bandwidth limit.
 */

export type DomainSpec = Record<string, unknown> & { name: string };

export function domain(name: string, memoryMiB: number, extra: Record<string, unknown> = {}): DomainSpec {
  return {
    name,
    vcpus: 2,
    memoryMiB,
    networks: [{ switch: "vsw0" }],
    disks: [{ volume: `${name}-boot` }],
    workload: { cpuUsed: 1, dirtyRateMiBps: 5, wwsMiB: Math.min(256, memoryMiB), pattern: "sweep" },
    ...extra,
  };
}

export function scenario(
  hosts: { name: string; domains: DomainSpec[]; [key: string]: unknown }[],
  timeScale = 20,
): Scenario {
  const volumes = Object.fromEntries(
    hosts.flatMap((host) => host.domains.map((d) => [`${d.name}-boot`, `san/${d.name}`])),
  );
  return {
    defaults: {
      allowMigrationsFrom: [".*"],
      timeScale,
      wireScale: 1 / 1024,
      migration: {},
      host: {
        cpu: { model: "SPARC-T4", mhz: 2848, cores: 8, threadsPerCore: 8 },
        memory: { totalMiB: 65536 },
        switches: [{ name: "vsw0", nic: "net0" }],
        nics: ["net0"],
        volumes,
        storage: ["san"],
      },
    },
    hosts,
  } as Scenario;
}

export function startCluster(definition: Scenario): Promise<Cluster> {
  return Cluster.start({ scenario: definition, logLevel: "info" });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function waitForPhase(
  client: AgentClient,
  id: string,
  phases: Phase[],
  timeoutMs = 30_000,
): Promise<MigrationStatus> {
  return waitFor(
    `migration ${id} to reach ${phases.join("/")}`,
    async () => {
      const status = await client.migration(id);
      return phases.includes(status.phase) ? status : undefined;
    },
    timeoutMs,
  );
}

export function waitForEnd(client: AgentClient, id: string, timeoutMs = 60_000): Promise<MigrationStatus> {
  return waitFor(
    `migration ${id} to end`,
    async () => {
      const status = await client.migration(id);
      return isFinalPhase(status.phase) || status.phase === "needs-attention" ? status : undefined;
    },
    timeoutMs,
  );
}

/** Where a domain runs, across the cluster: every host that has it active or suspended. */
export async function copiesOf(
  cluster: Cluster,
  name: string,
): Promise<{ host: string; state: string; flags: string }[]> {
  const copies: { host: string; state: string; flags: string }[] = [];
  for (const agent of cluster.agents) {
    if (!agent.running) continue;
    for (const d of await agent.client().domains())
      if (d.name === name) copies.push({ host: agent.name, state: d.state, flags: d.flags });
  }
  return copies;
}
