import { Cluster } from "../../cluster/cluster";
import { summarize } from "../stats";
import { type LoadOptions, type LoadResult, runLoad } from "./http-load";
import { singleHostScenario } from "./scenarios";
import { fixed, heading, printTable } from "./table";

/**
 * Section 1: how fast one agent answers the two read endpoints every dashboard and planner polls,
 * on a host with many domains, under concurrent clients. A warm-up first, so the figures are those
 * of a JIT-compiled agent with open keep-alive connections, not of its first requests.
 */

export interface ApiLatencyOptions {
  domains: number;
  concurrency: number;
  warmupRequests: number;
  requests: number;
  /** Upper bound on each measured (and each warm-up) run, whatever the request count. */
  maxSeconds: number;
}

export const API_LATENCY_DEFAULTS: ApiLatencyOptions = {
  domains: 500,
  concurrency: 16,
  warmupRequests: 300,
  requests: 3000,
  maxSeconds: 15,
};

export async function apiLatency(options: ApiLatencyOptions = API_LATENCY_DEFAULTS): Promise<void> {
  heading(`1. API latency: one agent, ${options.domains} domains, ${options.concurrency} concurrent clients`);
  const startedAt = performance.now();
  const cluster = await Cluster.start({ scenario: singleHostScenario(options.domains), logLevel: "warn" });
  try {
    const agent = cluster.agents[0];
    if (!agent) throw new Error("the cluster has no agent");
    console.log(`  agent started (and seeded) in ${fixed((performance.now() - startedAt) / 1000, 1)} s`);

    // Sanity check through the real client: the agent holds what we think it holds.
    const client = agent.client();
    const domains = await client.domains();
    const host = await client.host();
    const bound = domains.filter((domain) => domain.state === "active").length;
    console.log(
      `  host ${host.name}: ${domains.length} domains (${bound} active), ${host.cpu.strandsFree}/${host.cpu.strandsTotal} strands free, ${host.console?.freePorts.length ?? 0} console ports free`,
    );
    if (domains.length !== options.domains)
      throw new Error(`expected ${options.domains} domains, the agent lists ${domains.length}`);

    const rows: (string | number)[][] = [];
    for (const path of ["/v1/domains", "/v1/host"]) {
      const base = {
        url: agent.config.url,
        token: agent.token,
        path,
        concurrency: options.concurrency,
      };
      await measure({ ...base, requests: options.warmupRequests, maxSeconds: options.maxSeconds });
      const result = await measure({ ...base, requests: options.requests, maxSeconds: options.maxSeconds });
      rows.push(row(path, result));
    }
    printTable(
      [
        "endpoint",
        "requests",
        "errors",
        "seconds",
        "req/s",
        "mean ms",
        "p50 ms",
        "p99 ms",
        "max ms",
        "KiB/answer",
      ],
      rows,
    );
    console.log(
      `  (${options.warmupRequests} warm-up requests per endpoint not counted; latency = send to last body byte, client on the same 2 cores)`,
    );
  } finally {
    await cluster.stop();
  }
}

async function measure(options: LoadOptions): Promise<LoadResult> {
  const result = await runLoad(options);
  // A run with no answer at all means the agent is down: that is a crash, not a figure.
  if (result.latenciesMs.length === 0)
    throw new Error(`GET ${options.path}: no successful answer (${result.firstError ?? "no request sent"})`);
  return result;
}

function row(path: string, result: LoadResult): (string | number)[] {
  const latency = summarize(result.latenciesMs);
  const errors = result.errors > 0 ? `${result.errors} (${result.firstError})` : "0";
  return [
    `GET ${path}`,
    latency.count,
    errors,
    fixed(result.elapsedSeconds, 1),
    fixed(latency.count / result.elapsedSeconds, 0),
    fixed(latency.mean),
    fixed(latency.p50),
    fixed(latency.p99),
    fixed(latency.max),
    fixed(result.bodyBytes / 1024, 1),
  ];
}
