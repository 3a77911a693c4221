import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { loadScenario } from "../../cluster/scenario";
import { describeMachine } from "../agent/machine";
import { heading } from "../agent/table";
import { installSignalHandlers, isInterrupted, removeOnSignal, stopOnSignal } from "./cleanup";
import { generateScenario } from "./large-scenario";
import { memAvailableBytes } from "./proc-usage";
import { ensureBuild } from "./production-build";
import { progressLatency } from "./progress-latency";
import { scaleSection } from "./scale-section";

/**
 * `npm run bench:ui`: prints the dashboard's figures in a real browser against real agent
 * processes. A measurement, not a test: nothing is judged pass or fail, but a section that crashes
 * makes the run exit non-zero after the other sections have run. Every section stops the cluster,
 * dashboard and browser context it started (try/finally), and the whole run stays within about five
 * minutes: most of it is starting the big cluster's agents.
 */

const ROOT = resolve(import.meta.dirname, "../..");
/**
 * The whole run's target; the big cluster's start gets what the first sections leave of it.
 * BENCH_UI_BUDGET_S raises it where 200 agents take longer to start (each needs ~1.8 s of CPU).
 */
const RUN_BUDGET_MS = Number(process.env.BENCH_UI_BUDGET_S ?? 300) * 1000;
/** What the big section needs after its agents are up: registering, the measurements, stopping. */
const LARGE_MEASURE_MS = 180_000;
/** BENCH_UI_LARGE_HOSTS runs a smaller big cluster (starting 200 agents is half the run). */
const LARGE_HOSTS = Number(process.env.BENCH_UI_LARGE_HOSTS ?? 200);
const LARGE_DOMAINS_PER_HOST = 20;
/**
 * What one idle agent of the big scenario takes from MemAvailable, measured (~62 MiB; PSS ~60 MiB,
 * RSS ~105 MiB as shared pages count in each), with a margin: used to size the big cluster.
 */
const AGENT_BUDGET_BYTES = 75 * 1024 ** 2;
/** What the dashboard, Chromium and the others working on this machine keep. */
const HEADROOM_BYTES = 3 * 1024 ** 3;

async function main(): Promise<number> {
  const started = performance.now();
  installSignalHandlers();
  console.log("ballast dashboard (UI) benchmark");
  for (const line of describeMachine()) console.log(line);

  const build = ensureBuild();
  console.log(
    `dashboard build: ${build.dir} ${build.builtSeconds === null ? "(reused: sources unchanged)" : `(built in ${build.builtSeconds.toFixed(0)} s)`}`,
  );

  // Databases, manifests, logs and the agents' state: all of it goes at the end.
  const dir = mkdtempSync(join(tmpdir(), "ballast-bench-ui-"));
  removeOnSignal(dir);
  let browser: Browser | undefined;
  const crashed: string[] = [];
  try {
    const launched = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    browser = launched;
    stopOnSignal(() => launched.close());
    console.log(`browser: Chromium ${browser.version()}`);
    const context = { browser, buildDir: build.dir, dir };
    const largeHosts = affordableHosts();
    const sections: [string, () => Promise<void>][] = [
      ["progress latency: 2 hosts, time scale 1, one live migration", () => progressLatency(context)],
      [
        "overview and domains list: the default scenario, 8 hosts / 45 domains (asked: 6 / 40)",
        async () =>
          scaleSection({
            ...context,
            name: "default",
            scenario: await loadScenario(join(ROOT, "cluster/scenarios/default.json")),
            serverSamples: 7,
            browserSamples: 5,
            idleSamples: 3,
          }),
      ],
      [
        `overview and domains list: generated, ${largeHosts} hosts / ${largeHosts * LARGE_DOMAINS_PER_HOST} domains`,
        () =>
          scaleSection({
            ...context,
            name: "large",
            scenario: generateScenario({ hosts: largeHosts, domainsPerHost: LARGE_DOMAINS_PER_HOST }),
            batchSize: 10,
            startDeadline: Math.max(performance.now() + 60_000, started + RUN_BUDGET_MS - LARGE_MEASURE_MS),
            // Fewer samples than above: each costs seconds here, and the agents' start takes most of the run.
            serverSamples: 3,
            browserSamples: 3,
            idleSamples: 2,
          }),
      ],
    ];
    for (const [name, run] of sections) {
      if (isInterrupted()) break;
      heading(name);
      const sectionStarted = performance.now();
      try {
        await run();
        console.log(`  (section took ${((performance.now() - sectionStarted) / 1000).toFixed(0)} s)`);
      } catch (error) {
        if (isInterrupted()) break; // the signal's cleanup pulled things from under it: not a crash
        crashed.push(name);
        console.error(
          `\n!! section "${name}" crashed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
        );
      }
    }
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nbenchmark finished in ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} at the end (this run's own agents count in it)`,
  );
  if (crashed.length > 0) console.error(`crashed sections: ${crashed.length}`);
  return crashed.length > 0 ? 1 : 0;
}

/** 200 agents when the machine has the memory for them, fewer (and said so) when it has not. */
function affordableHosts(): number {
  const fits = Math.floor((memAvailableBytes() - HEADROOM_BYTES) / AGENT_BUDGET_BYTES);
  if (fits >= LARGE_HOSTS) return LARGE_HOSTS;
  const hosts = Math.max(10, Math.floor(fits / 10) * 10);
  console.log(
    `note: ${LARGE_HOSTS} agents need about ${((LARGE_HOSTS * AGENT_BUDGET_BYTES) / 1024 ** 3).toFixed(0)} GiB; ` +
      `this machine has room for ${fits}: the big cluster runs ${hosts} hosts`,
  );
  return hosts;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
