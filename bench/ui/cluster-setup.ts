import { mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Cluster } from "../../cluster/cluster";
import type { Scenario } from "../../cluster/scenario";
import { median } from "../stats";
import { isInterrupted, stopOnSignal } from "./cleanup";
import { cpuMsOf, memAvailableBytes, memoryOf } from "./proc-usage";

/**
 * Starts a scenario's agents as real processes and writes the manifest the dashboard registers.
 *
 * Big clusters start in batches, each its own Cluster.start: 200 node processes loading tsx at once
 * on 2 cores would miss any reasonable start timeout (each agent gets 90 s here). Agents of
 * different batches are not each other's peers, which only matters for migrations, and the big
 * cluster is only listed. With a deadline, no batch starts that would likely end after it: on a busy
 * machine the big cluster comes up smaller instead of the run overstaying its time.
 *
 * Ports come from below Linux's ephemeral range (32768-60999), where only a listen takes a port and
 * the probe sees it (cluster/free-ports.ts says why); a fixed base keeps the batches' ports apart.
 */

export interface ManifestAgent {
  name: string;
  url: string;
  token: string;
  pid: number | undefined;
}

export interface RunningCluster {
  manifestPath: string;
  agents: ManifestAgent[];
  /** Domains of the hosts that were started. */
  domains: number;
  /** Hosts of the scenario left out because the deadline came first. */
  skippedHosts: number;
  clusters: Cluster[];
  startSeconds: number;
  /** MemAvailable before minus after the start: what the agents took from the machine. */
  memTakenBytes: number;
  /** CPU time each agent used to start (median), which is what makes a big cluster slow to start. */
  startCpuSeconds: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  scenario: Scenario;
  /** Where the manifest and the agents' state go (so an interrupted run's cleanup finds them). */
  dir: string;
  timeScale?: number;
  batchSize?: number;
  /** performance.now() by which the agents should be up; the first batch always starts. */
  deadline?: number;
}

/** Clear of the others' ports here (the demo cluster's 7101 and up, the dashboards' 3000s). */
const BASE_PORT = 24000;

export async function startCluster(options: StartOptions): Promise<RunningCluster> {
  const { scenario } = options;
  const batchSize = options.batchSize ?? scenario.hosts.length;
  const clusters: Cluster[] = [];
  const stop = async () => {
    forget();
    // Every agent gets SIGTERM at once; each Cluster waits for its own to exit.
    await Promise.all(clusters.splice(0).map((cluster) => cluster.stop()));
  };
  const forget = stopOnSignal(stop);
  const availableBefore = memAvailableBytes();
  const started = performance.now();
  let first = 0;
  let domains = 0;
  try {
    let lastBatchMs = 0;
    for (; first < scenario.hosts.length; first += batchSize) {
      if (isInterrupted()) break;
      if (options.deadline !== undefined && performance.now() + lastBatchMs > options.deadline) break;
      const hosts = scenario.hosts.slice(first, first + batchSize);
      const batchStarted = performance.now();
      clusters.push(
        await Cluster.start({
          scenario: { ...scenario, hosts },
          stateRoot: await mkdtemp(join(options.dir, "agents-")),
          // Each batch from where the previous one's ports end; findFreePorts skips any taken.
          basePort: BASE_PORT + first,
          timeScale: options.timeScale,
          logLevel: "warn",
          // 30 s (the default) is short for a batch of agents loading tsx at once on 2 busy cores.
          startTimeoutMs: 90_000,
        }),
      );
      lastBatchMs = performance.now() - batchStarted;
      domains += hosts.reduce((sum, host) => sum + host.domains.length, 0);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const startSeconds = (performance.now() - started) / 1000;
  const agents = clusters.flatMap((cluster) => cluster.manifest().agents);
  const manifestPath = join(options.dir, `manifest-${scenario.hosts.length}.json`);
  await writeFile(manifestPath, JSON.stringify({ agents }, null, 2), { mode: 0o600 });
  return {
    manifestPath,
    agents,
    domains,
    skippedHosts: Math.max(0, scenario.hosts.length - first),
    clusters,
    startSeconds,
    memTakenBytes: availableBefore - memAvailableBytes(),
    startCpuSeconds:
      median(agents.map((agent) => (agent.pid === undefined ? Number.NaN : cpuMsOf(agent.pid)))) / 1000,
    stop,
  };
}

/** RSS and PSS of each agent process, for the cost of a big cluster. */
export function agentMemory(cluster: RunningCluster): { rss: number[]; pss: number[] } {
  const usage = cluster.agents.flatMap((agent) => {
    const memory = agent.pid === undefined ? undefined : memoryOf(agent.pid);
    return memory ? [memory] : [];
  });
  return { rss: usage.map((u) => u.rssBytes), pss: usage.map((u) => u.pssBytes) };
}
