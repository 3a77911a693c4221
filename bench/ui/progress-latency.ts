import type { Browser, BrowserContext, Page } from "@playwright/test";
import { AgentClient } from "../../lib/agent-client/agent-client";
import { isFinalPhase, type MigrationStatus } from "../../lib/schemas/migration";
import { printTable } from "../agent/table";
import { median, summarize } from "../stats";
import { startCluster } from "./cluster-setup";
import { Dashboard } from "./dashboard-process";
import { ms } from "./format";
import { generateScenario } from "./large-scenario";
import { pageScript } from "./page-script";
import { signedIn } from "./sign-in";

/**
 * How long a migration's progress takes to reach the page: from the moment the source agent reports
 * a new value to the moment the /migrations page's progress bar carries it (or a later one).
 *
 * Agent side: the bench asks the source's GET /v1/migrations/{id} every POLL_MS; a new value is
 * dated at the middle between the two answers that bracket the change, so its error is within
 * +-(poll period + round trip) / 2. Page side: a MutationObserver on the progress bar's
 * aria-valuenow dates each new value at the DOM commit (paint is at most one frame later), with
 * performance.timeOrigin + performance.now(). Both are wall-clock times; the page's clock is
 * calibrated against the bench's by round trips through page.evaluate (best of 20), so the offset's
 * error is half the fastest round trip.
 */

const POLL_MS = 20;
/** Long enough for ~90 progress values through a 500 ms browser poll, short enough for the 5-minute run. */
const TARGET_SECONDS = 30;
const DEADLINE_MS = 120_000;

interface Sample {
  value: number;
  at: number;
}

const now = () => performance.timeOrigin + performance.now();

export async function progressLatency(options: { browser: Browser; buildDir: string; dir: string }) {
  // Two hosts with every volume shared, so the first domain of h1 passes every pre-check to h2.
  const scenario = generateScenario({ hosts: 2, domainsPerHost: 2, shareVolumes: true });
  const cluster = await startCluster({ scenario, dir: options.dir, timeScale: 1 });
  let dashboard: Dashboard | undefined;
  let context: BrowserContext | undefined;
  try {
    dashboard = await Dashboard.start({
      buildDir: options.buildDir,
      manifestPath: cluster.manifestPath,
      dir: options.dir,
      name: "progress",
    });
    context = await options.browser.newContext({
      storageState: (await signedIn(options.browser, dashboard.url)).storageState,
    });
    const [source, target] = cluster.agents;
    if (!source || !target) throw new Error("the two-host cluster has fewer than two agents");
    const client = new AgentClient({ url: source.url, token: source.token, timeoutMs: 5000 });
    const domain = (await client.domains()).find((d) => d.state === "active");
    if (!domain) throw new Error(`no active domain on ${source.name}`);

    // A bandwidth limit that makes the first round alone take about TARGET_SECONDS.
    const maxBandwidthMiBps = Math.max(1, Math.round(domain.memoryMiB / TARGET_SECONDS));
    const request = { domain: domain.name, target: target.url, kind: "live" as const, maxBandwidthMiBps };
    const dry = await client.dryRun(request);
    if (!dry.ok) throw new Error(`dry run failed: ${dry.checks.filter((c) => !c.ok).map((c) => c.code)}`);

    const page = await context.newPage();
    const seen: Sample[] = [];
    await page.exposeFunction("benchProgress", (value: number, at: number) => seen.push({ value, at }));
    await page.addInitScript(pageScript(observeProgress, `Migration of ${domain.name}`));
    await page.goto(`${dashboard.url}/migrations`);
    await page.getByText("No migration in progress.").waitFor({ timeout: 30_000 });
    // Hydrated and polling: one answer of the live query has come back.
    await page.waitForResponse((response) => response.url().endsWith("/api/cluster/migrations"), {
      timeout: 10_000,
    });
    const clock = await calibrate(page);

    const started = now();
    const migration = await client.startMigration(request);
    const agent = await pollAgent(client, migration.id);
    const finished = now();
    await page.waitForTimeout(1500); // the page's last poll
    const latencies = match(agent.changes, seen, clock.offset);

    console.log(
      `  migration of ${domain.name} (${domain.memoryMiB} MiB) ${source.name} -> ${target.name} at ${maxBandwidthMiBps} MiB/s: ` +
        `${((finished - started) / 1000).toFixed(1)} s (predicted ${dry.prediction?.seconds.toFixed(1)} s), ended ${agent.last.phase}`,
    );
    console.log(
      `  agent side: GET /v1/migrations/{id} every ${POLL_MS} ms, ${agent.requests} requests, round trip p50 ` +
        `${median(agent.roundTrips).toFixed(1)} ms; a change is dated within +-${((POLL_MS + median(agent.roundTrips)) / 2).toFixed(0)} ms`,
    );
    console.log(
      `  page side: MutationObserver on aria-valuenow; page clock - bench clock = ${clock.offset.toFixed(1)} ms ` +
        `(+-${(clock.roundTrip / 2).toFixed(1)} ms); page updates every ${ms(median(intervals(seen)))} (median)`,
    );
    console.log(
      `  ${agent.changes.length} progress changes at the agent, ${seen.length} values shown by the page; ` +
        `latency = first page time showing that value or a later one - agent time`,
    );
    const summary = summarize(latencies.values);
    printTable(
      ["progress latency", "p50", "p95", "max", "count", "never shown"],
      [
        [
          "agent -> page DOM",
          ms(summary.p50),
          ms(summary.p95),
          ms(summary.max),
          summary.count,
          latencies.neverShown,
        ],
      ],
    );
  } finally {
    await context?.close();
    await dashboard?.stop();
    await cluster.stop();
  }
}

/** Runs in the page before its own scripts: reports each new aria-valuenow of one progress bar. */
function observeProgress(label: string): void {
  let last: string | null = null;
  const check = () => {
    const bar = document.querySelector(`[role="progressbar"][aria-label="${label}"]`);
    const value = bar?.getAttribute("aria-valuenow") ?? null;
    if (value === null || value === last) return;
    last = value;
    const report = (window as unknown as { benchProgress(v: number, at: number): void }).benchProgress;
    report(Number(value), performance.timeOrigin + performance.now());
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["aria-valuenow"],
  });
}

async function pollAgent(client: AgentClient, id: string) {
  const changes: Sample[] = [];
  const roundTrips: number[] = [];
  let last: MigrationStatus | undefined;
  let previousMid: number | undefined;
  const deadline = Date.now() + DEADLINE_MS;
  while (Date.now() < deadline) {
    const sent = now();
    const status = await client.migration(id);
    const received = now();
    roundTrips.push(received - sent);
    const mid = (sent + received) / 2;
    // The first answer's value appeared before anyone watched: only later changes can be dated.
    if (last !== undefined && status.progress !== last.progress) {
      changes.push({ value: status.progress, at: previousMid === undefined ? mid : (previousMid + mid) / 2 });
    }
    last = status;
    previousMid = mid;
    if (isFinalPhase(status.phase) || status.phase === "needs-attention") break;
    await new Promise((done) => setTimeout(done, Math.max(0, POLL_MS - (received - sent))));
  }
  if (!last) throw new Error(`the agent did not answer about migration ${id}`);
  return { changes, roundTrips, requests: roundTrips.length, last };
}

/** Page clock minus bench clock, from the round trip through page.evaluate that took least time. */
async function calibrate(page: Page): Promise<{ offset: number; roundTrip: number }> {
  let best = { offset: 0, roundTrip: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 20; i++) {
    const sent = now();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const received = now();
    if (received - sent < best.roundTrip) {
      best = { offset: pageTime - (sent + received) / 2, roundTrip: received - sent };
    }
  }
  return best;
}

/**
 * For each change at the agent, the first page sample at or after it in value (the page may skip
 * values that changed twice within one of its polls; it then shows the change with the later one).
 */
function match(agent: Sample[], page: Sample[], offset: number) {
  const values: number[] = [];
  let neverShown = 0;
  for (const change of agent) {
    const shown = page.find((sample) => sample.value >= change.value);
    if (shown) values.push(shown.at - offset - change.at);
    else neverShown++;
  }
  return { values, neverShown };
}

function intervals(samples: Sample[]): number[] {
  return samples.slice(1).map((sample, index) => sample.at - (samples[index]?.at ?? sample.at));
}
