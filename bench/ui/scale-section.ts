import type { Browser } from "@playwright/test";
import type { Scenario } from "../../cluster/scenario";
import { COLLECT_EVERY_MS, FIRST_VIEW_MAX_AGE_MS, MAX_AGE_MS } from "../../lib/dashboard/live-ages";
import { printTable } from "../agent/table";
import { agentMemory, startCluster } from "./cluster-setup";
import { Dashboard } from "./dashboard-process";
import { mib, ms } from "./format";
import { browserTiming, type PageSpec, serverTiming } from "./page-timing";
import { cpuShare } from "./proc-usage";
import { signedIn } from "./sign-in";

/**
 * The overview and the domains list at one cluster size: what the cluster costs to run, how fast the
 * server answers, and how soon a browser shows something usable. The routes the two pages poll every
 * 500 ms are timed too, and /api/cluster (the whole cluster, which scripts and tests read).
 */

const PAGES: (PageSpec & { label: string; what: string })[] = [
  {
    label: "/",
    what: "first host card",
    path: "/",
    selector: 'section[aria-labelledby="hosts-heading"] li',
    countSelector: 'section[aria-labelledby="hosts-heading"] li',
  },
  {
    label: "/domains",
    what: "first table row",
    path: "/domains",
    selector: 'section[aria-label="Domains table"] tbody tr',
    countSelector: 'section[aria-label="Domains table"] tbody tr',
  },
];

/** What the two pages poll, and the whole cluster. The server shares agent rounds for 200 ms: timed one at a time, each request here waits for its own. */
const POLLS = ["/api/cluster/overview", "/api/cluster/domains", "/api/cluster"];

/**
 * No page open for this long before a sample: a first visit to a dashboard nobody looked at, whose
 * agents only the server's background collector asked meanwhile (every COLLECT_EVERY_MS).
 */
const IDLE_MS = 6000;

export interface ScaleOptions {
  browser: Browser;
  buildDir: string;
  dir: string;
  name: string;
  scenario: Scenario;
  batchSize?: number;
  /** performance.now() by which the agents should be up (see startCluster). */
  startDeadline?: number;
  serverSamples: number;
  browserSamples: number;
  /** Samples after IDLE_MS with no page open. */
  idleSamples: number;
}

export async function scaleSection(options: ScaleOptions): Promise<void> {
  const cluster = await startCluster({
    scenario: options.scenario,
    dir: options.dir,
    batchSize: options.batchSize,
    deadline: options.startDeadline,
  });
  let dashboard: Dashboard | undefined;
  try {
    const agentPids = cluster.agents.flatMap((agent) => (agent.pid === undefined ? [] : [agent.pid]));
    const memory = agentMemory(cluster);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const idle = await cpuShare(agentPids, 2000);
    if (cluster.skippedHosts > 0) {
      console.log(
        `  note: only ${cluster.agents.length} of ${options.scenario.hosts.length} hosts started within the run's time ` +
          `budget (${cluster.startSeconds.toFixed(0)} s at this machine's load); the figures below are for ${cluster.agents.length}`,
      );
    }
    console.log(
      `  cluster: ${cluster.agents.length} agent processes (${cluster.domains} domains) started in ${cluster.startSeconds.toFixed(1)} s` +
        `${options.batchSize ? ` (batches of ${options.batchSize})` : ""}, ${cluster.startCpuSeconds.toFixed(2)} s of CPU each; RSS ${mib(sum(memory.rss))} ` +
        `(${mib(sum(memory.rss) / memory.rss.length)} each), PSS ${mib(sum(memory.pss))} ` +
        `(${mib(sum(memory.pss) / memory.pss.length)} each); MemAvailable fell by ${mib(cluster.memTakenBytes)}; ` +
        `idle CPU ${(idle * 100).toFixed(0)}% of one core`,
    );
    dashboard = await Dashboard.start({
      buildDir: options.buildDir,
      manifestPath: cluster.manifestPath,
      dir: options.dir,
      name: options.name,
    });
    const session = await signedIn(options.browser, dashboard.url);

    const serverRows = [];
    for (const path of [...PAGES.map((page) => page.path), ...POLLS]) {
      // Pages may start from a round up to FIRST_VIEW_MAX_AGE_MS old, polls from one up to MAX_AGE_MS.
      const page = !path.startsWith("/api/");
      const timing = await serverTiming(
        `${dashboard.url}${path}`,
        page ? Math.min(3, options.serverSamples) : options.serverSamples,
        page ? IDLE_MS : MAX_AGE_MS + 100,
        session.cookie,
      );
      serverRows.push([
        path,
        ms(timing.coldMs),
        ms(timing.headersMs),
        ms(timing.completeMs),
        `${(timing.bytes / 1024).toFixed(0)} KiB`,
      ]);
    }
    const reachable = await reachableHosts(dashboard.url, session.cookie);
    console.log(
      `  server: GET from the bench, one at a time, after one cold request (code loading) the median of ` +
        `${Math.min(3, options.serverSamples)} for pages, each ${IDLE_MS / 1000} s after the last (a render may start from a round up to ${FIRST_VIEW_MAX_AGE_MS / 1000} s old: / from the collector's, /domains from the previous sample's), ` +
        `and of ${options.serverSamples} for the routes, each ${MAX_AGE_MS + 100} ms after the last (every poll asks them). ` +
        `/api/cluster/overview and /api/cluster/domains are what the two pages poll every 500 ms, /api/cluster the ` +
        `whole cluster (${reachable} hosts reachable in it)`,
    );
    printTable(["path", "cold", "first byte", "complete", "size"], serverRows);

    const serverPids = dashboard.pid === undefined ? [] : [dashboard.pid];
    const browserRows = [];
    for (const [page, idle] of PAGES.flatMap((page) => [0, IDLE_MS].map((idle) => [page, idle] as const))) {
      const timing = await browserTiming(options.browser, `${dashboard.url}${page.path}`, page, {
        samples: idle ? options.idleSamples : options.browserSamples,
        serverPids,
        agentPids,
        idleBeforeMs: idle,
        storageState: session.storageState,
      });
      browserRows.push([
        page.label,
        page.what,
        idle ? `${idle / 1000} s ago` : "< 1 s ago",
        ms(timing.visibleMs),
        ms(timing.hydratedMs),
        ms(timing.loadMs),
        timing.count,
        percent(timing.busyAfterLoad),
        percent(timing.serverCpu),
        percent(timing.agentsCpu),
        timing.failures,
      ]);
    }
    console.log(
      `  browser: Chromium, fresh context per sample (first visit), median of ${options.browserSamples} ` +
        `(${options.idleSamples} after ${IDLE_MS / 1000} s with no page open), times from navigation start. A server ` +
        `render starts from an agent round up to ${FIRST_VIEW_MAX_AGE_MS / 1000} s old (the page polls a fresh one once up): ` +
        `"last page open" is when a previous sample's page last polled; with none open, the server's collector ` +
        `still asks the agents for hosts every ${COLLECT_EVERY_MS / 1000} s (the domains list reuses the previous sample's round). Then, on the ` +
        "last sample, 4 s with the page open: the share of it the page's main thread spent in long tasks (live " +
        "re-renders), and the CPU the dashboard server and all agents used (100% = one core) answering its polls",
    );
    printTable(
      [
        "page",
        "usable when",
        "last page open",
        "visible",
        "hydrated",
        "load event",
        "elements",
        "page busy",
        "server CPU",
        "agents CPU",
        "failed",
      ],
      browserRows,
    );
    console.log(`  dashboard process RSS after the runs: ${mib(dashboard.rssBytes())}`);
  } finally {
    await dashboard?.stop();
    await cluster.stop();
  }
}

function percent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : "-";
}

/** "reachable / registered" in the snapshot the browser gets: agents timing out show as unreachable. */
async function reachableHosts(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/api/cluster`, {
    headers: { cookie },
    signal: AbortSignal.timeout(60_000),
  });
  const snapshot = (await response.json()) as { hosts: { reachable: boolean }[] };
  return `${snapshot.hosts.filter((host) => host.reachable).length} / ${snapshot.hosts.length}`;
}
