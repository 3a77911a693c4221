import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureGuestImage, type GuestImage } from "../../agent/drivers/qemu/guest-image";
import type { Cluster } from "../../cluster/cluster";
import { isInterrupted, removeOnSignal, stopOnSignal } from "../ui/cleanup";
import { AgentGuest, startAgents } from "./agent-path";
import type { BenchCase, BenchOptions } from "./cases";
import { DirectGuest } from "./direct-path";
import type { CaseResult, RunResult } from "./run-result";

/**
 * Runs the cases one after the other on one pair of agents. A case boots its two guests (the
 * agents' and the direct one) side by side, then migrates each in turn, agents first, `repeats`
 * times; the next pair starts only while the run's time budget lasts (each case gets one at least).
 * A case that crashes is reported and the next one runs.
 */

export async function runCases(
  cases: BenchCase[],
  options: BenchOptions,
  startedAt: number,
): Promise<{ results: CaseResult[]; crashed: string[] }> {
  const image = await ensureGuestImage();
  const cluster = await startAgents();
  const forget = stopOnSignal(() => cluster.stop());
  const results: CaseResult[] = [];
  const crashed: string[] = [];
  try {
    for (const c of cases) {
      if (isInterrupted()) break;
      try {
        results.push(await runCase(cluster, image, c, options, startedAt));
      } catch (error) {
        crashed.push(c.label);
        console.error(`!! case ${c.label} crashed: ${error instanceof Error ? error.stack : error}`);
      }
    }
  } finally {
    forget();
    await cluster.stop();
  }
  return { results, crashed };
}

async function runCase(
  cluster: Cluster,
  image: GuestImage,
  c: BenchCase,
  options: BenchOptions,
  startedAt: number,
): Promise<CaseResult> {
  const root = await mkdtemp(join(tmpdir(), "ballast-bench-qemu-"));
  removeOnSignal(root);
  const booting = performance.now();
  const [agentStart, directStart] = await Promise.allSettled([
    AgentGuest.start(cluster, `bench-${c.label.replaceAll(" ", "-")}`, c, options),
    DirectGuest.start(root, image, c, options),
  ]);
  const agents = agentStart.status === "fulfilled" ? agentStart.value : null;
  const direct = directStart.status === "fulfilled" ? directStart.value : null;
  // The agents' guest goes with the cluster on a signal; the direct one is this case's to end.
  const forget = stopOnSignal(async () => direct?.stop());
  try {
    if (agentStart.status === "rejected") throw agentStart.reason;
    if (directStart.status === "rejected") throw directStart.reason;
    console.error(
      `  ${c.label}: both guests run their workload after ${seconds(performance.now() - booting)} s`,
    );
    return { benchCase: c, runs: await runPairs(c, [agents, direct], options, startedAt) };
  } finally {
    forget();
    await agents?.remove();
    await direct?.stop();
    await rm(root, { recursive: true, force: true });
  }
}

async function runPairs(
  c: BenchCase,
  guests: (AgentGuest | DirectGuest | null)[],
  options: BenchOptions,
  startedAt: number,
): Promise<RunResult[]> {
  const runs: RunResult[] = [];
  let pairMs = 0;
  for (let pair = 1; pair <= options.repeats && !isInterrupted(); pair++) {
    if (pair > 1 && performance.now() - startedAt + pairMs > options.budgetMs) {
      console.log(
        `  ${c.label}: ${pair - 1} pair(s) only, the run's ${options.budgetMs / 1000} s budget is used up`,
      );
      break;
    }
    const pairStarted = performance.now();
    for (const guest of guests) {
      if (!guest || isInterrupted()) continue;
      const run = await guest.migrate();
      runs.push(run);
      console.error(`  ${c.label} #${pair} ${run.path}: ${describeRun(run)}`);
    }
    pairMs = performance.now() - pairStarted;
  }
  return runs;
}

function describeRun(run: RunResult): string {
  if (run.error !== null) return `failed after ${seconds(run.totalMs)} s: ${run.error}`;
  return `${seconds(run.totalMs)} s, ${run.rounds} rounds, QEMU downtime ${run.qemuDowntimeMs} ms, pause ${Math.round(run.pauseMs ?? Number.NaN)} ms, ${Math.round(run.sentBytes / 1048576)} MiB`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
