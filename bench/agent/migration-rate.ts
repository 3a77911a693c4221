import { setTimeout as sleep } from "node:timers/promises";
import { Cluster } from "../../cluster/cluster";
import type { AgentClient } from "../../lib/agent-client/agent-client";
import type { MigrationStatus } from "../../lib/schemas/migration";
import { summarize } from "../stats";
import { migrationPairScenario } from "./scenarios";
import { fixed, heading, printTable } from "./table";

/**
 * Section 2: how many small live migrations one pair of agents completes per second, with 1, 4 and
 * 8 in flight. The simulated transfer is made nearly free (64 MiB, low dirty rate, a high time
 * scale), so what is measured is the agents' own cost per migration: pre-check round trip, prepare,
 * durable phase writes on both sides, the TCP transfer set-up, hand-off and confirm.
 */

export interface MigrationRateOptions {
  domains: number;
  timeScale: number;
  /** Migrations in flight at once, one measured run each. */
  levels: number[];
  /** Per level: stop starting new migrations after this many, or after this long. */
  maxPerLevel: number;
  maxSecondsPerLevel: number;
  /** Uncounted migrations first, so the agents' code paths are compiled. */
  warmup: number;
  /** Status polling interval; the client-side wall time is quantised by it. */
  pollMs: number;
  /** A migration not final by then is cancelled and counted as failed. */
  migrationTimeoutMs: number;
}

export const MIGRATION_RATE_DEFAULTS: MigrationRateOptions = {
  // Enough for the warm-up and every level to reach its count: a level must not run out of domains.
  domains: 400,
  timeScale: 1000,
  levels: [1, 4, 8],
  maxPerLevel: 120,
  maxSecondsPerLevel: 15,
  warmup: 4,
  pollMs: 10,
  // A 64 MiB migration takes tens of ms here; 10 s means something is stuck, not slow.
  migrationTimeoutMs: 10_000,
};

interface Outcome {
  phase: MigrationStatus["phase"] | "rejected" | "timeout";
  /** Client view: from sending POST /v1/migrations to seeing a final phase. */
  wallMs: number;
  /** Agent view: endedAt - startedAt of the source's record (not quantised by polling). */
  agentMs: number | null;
  downtimeMs: number | null;
  error: string | null;
}

export async function migrationRate(options: MigrationRateOptions = MIGRATION_RATE_DEFAULTS): Promise<void> {
  heading(
    `2. Migration throughput: one pair of agents, ${options.domains} domains of 64 MiB, timeScale ${options.timeScale}`,
  );
  const cluster = await Cluster.start({
    scenario: migrationPairScenario(options.domains, options.timeScale),
    timeScale: options.timeScale,
    logLevel: "warn",
  });
  try {
    const source = cluster.agent("src").client();
    const targetUrl = cluster.agent("dst").config.url;
    const pool = (await source.domains()).map((domain) => domain.name).sort();

    const warm = await runLevel(source, targetUrl, pool, 1, options.warmup, options);
    console.log(
      `  warm-up: ${warm.outcomes.length} migrations, ${completed(warm.outcomes)} completed (not counted)`,
    );

    const rows: (string | number)[][] = [];
    const failures: string[] = [];
    for (const concurrency of options.levels) {
      if (pool.length === 0) break;
      const level = await runLevel(source, targetUrl, pool, concurrency, options.maxPerLevel, options);
      rows.push(row(concurrency, level));
      for (const outcome of level.outcomes)
        if (outcome.phase !== "completed")
          failures.push(`c=${concurrency} ${outcome.phase}: ${outcome.error}`);
    }
    printTable(
      [
        "in flight",
        "started",
        "completed",
        "failed",
        "seconds",
        "completed/s",
        "wall p50 ms",
        "wall p99 ms",
        "agent p50 ms",
        "agent p99 ms",
        "downtime p50 ms",
      ],
      rows,
    );
    console.log(
      `  (wall = client POST to final phase seen, polled every ${options.pollMs} ms; agent = the source record's endedAt - startedAt)`,
    );
    for (const failure of failures.slice(0, 5)) console.log(`  failure: ${failure}`);
    await reportPlacement(cluster);
  } finally {
    await cluster.stop();
  }
}

interface LevelResult {
  outcomes: Outcome[];
  seconds: number;
}

/** `concurrency` workers take domains from the shared pool until the count or time bound is hit. */
async function runLevel(
  source: AgentClient,
  targetUrl: string,
  pool: string[],
  concurrency: number,
  maxCount: number,
  options: MigrationRateOptions,
): Promise<LevelResult> {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  const deadline = started + options.maxSecondsPerLevel * 1000;
  let launched = 0;
  const worker = async () => {
    while (launched < maxCount && performance.now() < deadline) {
      const domain = pool.shift();
      if (domain === undefined) return;
      launched++;
      outcomes.push(await migrateOne(source, targetUrl, domain, options));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

async function migrateOne(
  source: AgentClient,
  target: string,
  domain: string,
  options: MigrationRateOptions,
): Promise<Outcome> {
  const sent = performance.now();
  let status: MigrationStatus;
  try {
    status = await source.startMigration({ domain, target, kind: "live" });
  } catch (error) {
    return {
      phase: "rejected",
      wallMs: performance.now() - sent,
      agentMs: null,
      downtimeMs: null,
      error: String(error),
    };
  }
  const deadline = sent + options.migrationTimeoutMs;
  while (!isOver(status.phase) && performance.now() < deadline) {
    await sleep(options.pollMs);
    status = await source.migration(status.id);
  }
  const wallMs = performance.now() - sent;
  if (!isOver(status.phase)) {
    await source.cancel(status.id).catch(() => {});
    return { phase: "timeout", wallMs, agentMs: null, downtimeMs: null, error: `still ${status.phase}` };
  }
  const agentMs = status.endedAt === null ? null : Date.parse(status.endedAt) - Date.parse(status.startedAt);
  return { phase: status.phase, wallMs, agentMs, downtimeMs: status.downtimeMs, error: status.error };
}

/** Final for this benchmark: the contract's final phases, and needs-attention (only an admin ends it). */
function isOver(phase: MigrationStatus["phase"]): boolean {
  return ["completed", "failed", "cancelled", "needs-attention"].includes(phase);
}

function completed(outcomes: Outcome[]): number {
  return outcomes.filter((outcome) => outcome.phase === "completed").length;
}

function row(concurrency: number, level: LevelResult): (string | number)[] {
  const done = level.outcomes.filter((outcome) => outcome.phase === "completed");
  const wall = summarize(done.map((outcome) => outcome.wallMs));
  const agent = summarize(done.flatMap((outcome) => (outcome.agentMs === null ? [] : [outcome.agentMs])));
  const downtime = summarize(
    done.flatMap((outcome) => (outcome.downtimeMs === null ? [] : [outcome.downtimeMs])),
  );
  return [
    concurrency,
    level.outcomes.length,
    done.length,
    level.outcomes.length - done.length,
    fixed(level.seconds, 1),
    fixed(done.length / level.seconds, 1),
    fixed(wall.p50, 0),
    fixed(wall.p99, 0),
    fixed(agent.p50, 0),
    fixed(agent.p99, 0),
    fixed(downtime.p50, 0),
  ];
}

/** Cross-check from both agents' inventories: every completed migration moved exactly one domain. */
async function reportPlacement(cluster: Cluster): Promise<void> {
  const [src, dst] = await Promise.all([
    cluster.agent("src").client().domains(),
    cluster.agent("dst").client().domains(),
  ]);
  const migrating = [...src, ...dst].filter((domain) => domain.migration !== null).length;
  const notActive = dst.filter((domain) => domain.state !== "active").length;
  console.log(
    `  afterwards: src holds ${src.length} domains, dst ${dst.length} (${notActive} not active), ${migrating} still marked migrating`,
  );
}
