import type { Browser } from "@playwright/test";
import { median } from "../stats";
import { pageScript } from "./page-script";
import { cpuShare } from "./proc-usage";
import type { BenchSession } from "./sign-in";

/**
 * Two figures per page.
 *
 * Server: GET from the bench (no browser), one request at a time. `first byte` is the time to the
 * response's headers, which Next sends with the first chunk; a page with a loading.tsx would send its
 * skeleton there and the content later in the same response: `complete` (the last byte) is when the
 * server is done. Both are printed, so a skeleton that is not sent early would show.
 *
 * Browser: a fresh context each time (a first visit: no cached scripts), times from the navigation's
 * start (performance.timeOrigin of the new document) to the page's meaningful element being visible
 * (a MutationObserver and a 5 ms timer check it; checkVisibility() excludes content React still keeps
 * in a hidden streaming slot, which it reveals at least 300 ms after a skeleton's first paint) and
 * to React having hydrated it (its fiber key appears on the element), when its links and controls work.
 */

export interface PageSpec {
  path: string;
  /** The element that makes the page usable (e.g. the first host card, the first table row). */
  selector: string;
  /** What to count on the page once loaded, to see that everything arrived. */
  countSelector: string;
}

export interface ServerTiming {
  coldMs: number;
  headersMs: number;
  completeMs: number;
  bytes: number;
}

/**
 * Each sample waits `gapMs` first: longer than the server reuses an agent round for that kind of
 * request (lib/dashboard/live-ages.ts), so every sample pays for its own round, as the first visit to
 * an idle dashboard and each poll of one open page do.
 */
export async function serverTiming(
  url: string,
  samples: number,
  gapMs: number,
  cookie: string,
): Promise<ServerTiming> {
  // The first request after a start loads the route's code: reported apart as `cold`.
  await sleep(gapMs);
  const cold = await timeGet(url, cookie);
  const runs = [];
  for (let i = 0; i < samples; i++) {
    await sleep(gapMs);
    runs.push(await timeGet(url, cookie));
  }
  return {
    coldMs: cold.completeMs,
    headersMs: median(runs.map((run) => run.headersMs)),
    completeMs: median(runs.map((run) => run.completeMs)),
    bytes: median(runs.map((run) => run.bytes)),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

async function timeGet(
  url: string,
  cookie: string,
): Promise<{ headersMs: number; completeMs: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
  const headersMs = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = await response.arrayBuffer();
  return { headersMs, completeMs: performance.now() - started, bytes: body.byteLength };
}

export interface BrowserTiming {
  visibleMs: number;
  hydratedMs: number;
  loadMs: number;
  /** Elements matching countSelector on the last sample. */
  count: number;
  /** Share of BUSY_WINDOW_MS after hydration the main thread spent in long tasks (last sample). */
  busyAfterLoad: number;
  /** CPU the dashboard server and the agents used meanwhile (1 = one core), serving the live query. */
  serverCpu: number;
  agentsCpu: number;
  failures: number;
}

/** How long the page stays open after hydration to see what its live updates cost the main thread. */
const BUSY_WINDOW_MS = 4000;

interface Marks {
  visibleAt: number | null;
  hydratedAt: number | null;
  longTasks: [start: number, duration: number][];
}

export async function browserTiming(
  browser: Browser,
  url: string,
  spec: PageSpec,
  options: {
    samples: number;
    serverPids: number[];
    agentPids: number[];
    /** Nothing open for this long before each sample: the server has no recent agent round to start from. */
    idleBeforeMs?: number;
    /** The signed-in session each fresh context starts with (bench/ui/sign-in.ts). */
    storageState: BenchSession["storageState"];
  },
): Promise<BrowserTiming> {
  const visible: number[] = [];
  const hydrated: number[] = [];
  const load: number[] = [];
  let count = 0;
  let busyAfterLoad = Number.NaN;
  let serverCpu = Number.NaN;
  let agentsCpu = Number.NaN;
  let failures = 0;
  for (let i = 0; i < options.samples; i++) {
    if (options.idleBeforeMs) await sleep(options.idleBeforeMs);
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      storageState: options.storageState,
    });
    try {
      const page = await context.newPage();
      await page.addInitScript(pageScript(watchElement, spec.selector));
      await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
      await page.waitForFunction(
        () => {
          const marks = (window as unknown as { benchMarks?: Marks }).benchMarks;
          return marks?.hydratedAt != null && document.readyState === "complete";
        },
        undefined,
        { timeout: 30_000, polling: 50 },
      );
      const last = i === options.samples - 1;
      if (last) {
        const [server, agents] = await Promise.all([
          cpuShare(options.serverPids, BUSY_WINDOW_MS),
          cpuShare(options.agentPids, BUSY_WINDOW_MS),
        ]);
        serverCpu = server;
        agentsCpu = agents;
      }
      const marks = await page.evaluate(() => (window as unknown as { benchMarks: Marks }).benchMarks);
      visible.push(marks.visibleAt ?? Number.NaN);
      hydrated.push(marks.hydratedAt ?? Number.NaN);
      load.push(
        await page.evaluate(() => {
          const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
          return navigation?.loadEventEnd ?? Number.NaN;
        }),
      );
      if (last) {
        count = await page.locator(spec.countSelector).count();
        busyAfterLoad = busyShare(marks, BUSY_WINDOW_MS);
      }
    } catch (error) {
      // Once is enough: a selector the page no longer has would cost a timeout per sample.
      failures++;
      console.error(`  ${url}: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
      break;
    } finally {
      await context.close();
    }
  }
  return {
    visibleMs: median(visible),
    hydratedMs: median(hydrated),
    loadMs: median(load),
    count,
    busyAfterLoad,
    serverCpu,
    agentsCpu,
    failures,
  };
}

/** Long-task time inside [hydration, hydration + window], over the window. */
function busyShare(marks: Marks, windowMs: number): number {
  const from = marks.hydratedAt ?? Number.NaN;
  const to = from + windowMs;
  const busy = marks.longTasks.reduce(
    (sum, [start, duration]) => sum + Math.max(0, Math.min(to, start + duration) - Math.max(from, start)),
    0,
  );
  return busy / windowMs;
}

/**
 * Runs in the page before its own scripts: dates the element's first visibility and its hydration,
 * and keeps the long tasks (50 ms and more on the main thread) the browser reports.
 */
function watchElement(selector: string): void {
  const marks: Marks = { visibleAt: null, hydratedAt: null, longTasks: [] };
  (window as unknown as { benchMarks: Marks }).benchMarks = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
  const hydratedNode = (node: Element) => Object.keys(node).some((key) => key.startsWith("__reactFiber$"));
  const check = () => {
    const element = document.querySelector(selector);
    if (!element) return;
    if (marks.visibleAt === null && element.checkVisibility()) marks.visibleAt = performance.now();
    if (marks.visibleAt !== null && marks.hydratedAt === null && hydratedNode(element)) {
      marks.hydratedAt = performance.now();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  // Hydration changes no DOM, so a timer looks for it too; both stop once it is seen.
  const tick = () => {
    check();
    if (marks.hydratedAt === null) setTimeout(tick, 5);
    else observer.disconnect();
  };
  tick();
}
