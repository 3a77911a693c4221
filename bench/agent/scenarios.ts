import { type Scenario, scenarioSchema } from "../../cluster/scenario";

/**
 * The benchmark's clusters, built in code so their size is a parameter. Every host is the same
 * model (so CPU_INCOMPATIBLE never fires) and every domain is small with no network or disk (so
 * switch, volume and MAC checks have nothing to compare): what is measured is the agent, not a
 * pre-check failure.
 */

export interface SmallDomainOptions {
  memoryMiB: number;
  dirtyRateMiBps: number;
}

const SMALL_DOMAIN: SmallDomainOptions = { memoryMiB: 64, dirtyRateMiBps: 1 };

/** Room for `domains` small domains; every bound domain holds a strand, its memory and a console port. */
function bigHost(domains: number, memoryMiB: number): Record<string, unknown> {
  return {
    hypervisor: { kind: "ldoms", version: "3.6" },
    subnet: "192.0.2.0/24",
    cpu: { model: "SPARC-T4", mhz: 2848, cores: 512, threadsPerCore: 8 },
    // Twice the domains' memory: a target holds a migrating domain's memory before the source frees it.
    memory: { totalMiB: Math.max(1024, 2 * domains * memoryMiB) },
    console: { name: "primary-vcc0", firstPort: 5000, lastPort: 5000 + Math.max(1000, 2 * domains) - 1 },
  };
}

export function smallDomains(
  prefix: string,
  count: number,
  options: SmallDomainOptions = SMALL_DOMAIN,
): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}${String(i + 1).padStart(4, "0")}`,
    vcpus: 1,
    memoryMiB: options.memoryMiB,
    workload: {
      cpuUsed: 0.2,
      dirtyRateMiBps: options.dirtyRateMiBps,
      wwsMiB: options.memoryMiB,
      pattern: "sweep",
    },
  }));
}

/** One host carrying `domains` small domains: the API latency target. */
export function singleHostScenario(domains: number): Scenario {
  return scenarioSchema.parse({
    description: `bench: one host with ${domains} small domains`,
    defaults: {
      allowMigrationsFrom: [".*"],
      timeScale: 1,
      host: bigHost(domains, SMALL_DOMAIN.memoryMiB),
    },
    hosts: [{ name: "b1", domains: smallDomains("d", domains) }],
  });
}

/**
 * A source with `domains` small domains and an empty target that can take all of them: the
 * migration-rate pair. A high time scale makes each simulated transfer take a millisecond or so, so
 * the figure is the agents' own per-migration cost (HTTP, pre-checks, durable phases, TCP set-up).
 */
export function migrationPairScenario(domains: number, timeScale: number): Scenario {
  return scenarioSchema.parse({
    description: `bench: ${domains} small domains to migrate from src to dst`,
    defaults: {
      allowMigrationsFrom: [".*"],
      timeScale,
      migration: { defaultDowntimeLimitMs: 300, onNoConvergence: "stop-and-copy" },
      host: bigHost(domains, SMALL_DOMAIN.memoryMiB),
    },
    hosts: [
      { name: "src", domains: smallDomains("m", domains) },
      { name: "dst", domains: [] },
    ],
  });
}
