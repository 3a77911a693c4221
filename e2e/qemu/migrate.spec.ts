import { expect, type Locator, type Page, test } from "@playwright/test";
import { PRECHECK_CODES } from "../../lib/prechecks/codes";
import { agentClient } from "../cluster";
import { migrationRow } from "../db";
import {
  ALL_CHECKS_PASSED,
  cancelMigration,
  domainRows,
  fillMigrateDialog,
  historyRows,
  openMigrateDialog,
} from "../migrate-dialog";
import { hostsRunningQemuOf, QEMU_E2E } from "./qemu-cluster";

/**
 * Migrations of real QEMU guests, driven and watched in the browser: the dry run, a live migration
 * to its end, a cancel. Each test finds where its guest runs first, so a retry starts from there.
 */

const HOSTS = ["h1", "h2", "h3"];
/** Slow enough to watch: web1 (256 MiB, writing 8 MiB/s) takes about 10 s over several rounds. */
const LIVE_MIBPS = 16;
/** db1 (192 MiB, writing 2 MiB/s) is still in its first round seconds later. */
const CANCEL_MIBPS = 4;
/** A dry run measures the guest's dirty rate for a second before it answers. */
const DRY_RUN_MS = 20_000;

async function whereRuns(domain: string): Promise<string> {
  for (const host of HOSTS) {
    const domains = await agentClient(host, QEMU_E2E.manifest).domains();
    if (domains.some((d) => d.name === domain && d.state === "active")) return host;
  }
  throw new Error(`${domain} runs nowhere`);
}

/** The empty host, unless the guest is there already (a retry after it moved). */
function targetFrom(source: string): string {
  return source === "h3" ? "h1" : "h3";
}

/** A figure of a description list (`<dt>label</dt><dd>value</dd>`). */
function figure(scope: Locator, label: string): Locator {
  return scope.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
}

async function readyDialog(page: Page, domain: string, target: string, bandwidthMiBps: number) {
  const dialog = await openMigrateDialog(page, domain);
  await fillMigrateDialog(dialog, { target, bandwidthMiBps });
  await expect(dialog.getByText(ALL_CHECKS_PASSED)).toBeVisible({ timeout: DRY_RUN_MS });
  return dialog;
}

test("the dry run on a real guest: every pre-check, and a prediction from its measured dirty rate", async ({
  page,
}, testInfo) => {
  const source = await whereRuns("web1");
  const dialog = await readyDialog(page, "web1", targetFrom(source), LIVE_MIBPS);
  const checks = dialog.getByRole("list", { name: "Pre-checks" }).getByRole("listitem");
  await expect(checks).toHaveCount(PRECHECK_CODES.length);
  // Each item starts with its verdict (a message or a code such as AUTH_FAILED may say "fail").
  await expect(checks.filter({ hasText: /^pass/ })).toHaveCount(PRECHECK_CODES.length);
  for (const code of PRECHECK_CODES) await expect(dialog.getByText(code, { exact: true })).toHaveCount(1);

  const prediction = dialog
    .locator("div", { has: page.getByText("Prediction (live)", { exact: true }) })
    .last();
  await expect(figure(prediction, "Bandwidth")).toHaveText(`${LIVE_MIBPS.toFixed(1)} MiB/s`);
  // QEMU's calc-dirty-rate on the running guest: something, and not more than its writing set a second.
  const writes = (await figure(prediction, "Guest writes").textContent()) ?? "";
  const mibps = Number(/^([\d.]+) MiB\/s$/.exec(writes)?.[1] ?? Number.NaN);
  expect(mibps, `guest writes ${writes}`).toBeGreaterThan(0);
  expect(mibps, `guest writes ${writes}`).toBeLessThanOrEqual(64);
  expect(Number(await figure(prediction, "Rounds").textContent())).toBeGreaterThanOrEqual(1);
  await expect(figure(prediction, "Downtime")).toHaveText(/^\d+ ms$/);
  await expect(dialog.getByRole("button", { name: "Migrate" })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath("migrate-dialog.png") });
});

interface Sample {
  progress: number;
  round: number;
  flags: string;
}

/** What the domain page shows of its migration now: progress bar, round, the header's flags. */
async function sample(page: Page, domain: string): Promise<Sample | null> {
  const read = (locator: Locator) => locator.textContent({ timeout: 1_000 }).catch(() => null);
  const progress = await page
    .getByRole("progressbar", { name: `Migration of ${domain}` })
    .getAttribute("aria-valuenow", { timeout: 1_000 })
    .catch(() => null);
  const round = await read(figure(page.locator("main"), "Round"));
  const flags = await read(figure(page.locator("main header"), "Flags").locator("[aria-hidden=true]"));
  if (progress === null || round === null || flags === null) return null;
  return { progress: Number(progress), round: Number(round), flags };
}

/** Samples the domain page's migration until the page says the domain left; a screenshot on the way. */
async function watchToTheEnd(page: Page, domain: string, screenshot: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  const left = page.getByRole("status").filter({ hasText: `${domain} left` });
  const deadline = Date.now() + 90_000;
  let shot = false;
  while (!(await left.isVisible())) {
    if (Date.now() > deadline) throw new Error(`the migration of ${domain} did not end within 90 s`);
    const now = await sample(page, domain);
    if (now && now.round > 0) samples.push(now);
    if (now && !shot && now.round >= 2 && now.progress < 100) {
      shot = true;
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    await page.waitForTimeout(200);
  }
  return samples;
}

test("a live migration watched to its end: progress through rounds, the flags, QEMU's downtime in the history", async ({
  page,
  context,
}, testInfo) => {
  const source = await whereRuns("web1");
  const target = targetFrom(source);
  const dialog = await readyDialog(page, "web1", target, LIVE_MIBPS);
  // A second tab on the domains list, where both copies show with their flags.
  const list = await context.newPage();
  const rows = await domainRows(list, "web1");
  await expect(rows).toHaveCount(1);
  await dialog.getByRole("button", { name: "Migrate" }).click();
  await expect(dialog).toBeHidden();

  const [samples] = await Promise.all([
    watchToTheEnd(page, "web1", testInfo.outputPath("live-migration-domain.png")),
    (async () => {
      await expect(rows.filter({ hasText: "-n---s" })).toHaveCount(1, { timeout: 30_000 });
      await expect(rows.filter({ hasText: "-----t" })).toHaveCount(1, { timeout: 30_000 });
      await list.screenshot({ path: testInfo.outputPath("live-migration-list.png"), fullPage: true });
    })(),
  ]);
  const left = page.getByRole("status").filter({ hasText: "web1 left" });
  await expect(left).toContainText(`web1 left ${source}: live migration completed`);
  await expect(left).toContainText(`Now on ${target}`);

  const progress = samples.map((sample) => sample.progress);
  const rounds = [...new Set(samples.map((sample) => sample.round))];
  console.log(
    `web1 ${source} -> ${target}: ${samples.length} samples, progress ${progress.join(" ")}, rounds ${rounds.join(" ")}`,
  );
  expect(progress, "progress never runs backwards").toEqual([...progress].sort((a, b) => a - b));
  expect(new Set(progress).size, `progress seen: ${progress.join(" ")}`).toBeGreaterThanOrEqual(3);
  expect(rounds.length, `rounds seen: ${rounds.join(" ")}`).toBeGreaterThanOrEqual(2);
  expect(samples.some((sample) => sample.flags === "-n---s")).toBe(true);

  // Running on the target only: one row, one QEMU.
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await expect(rows.first()).toContainText(target);
  await expect(rows.first()).toContainText("active");
  await expect.poll(() => hostsRunningQemuOf("web1"), { timeout: 20_000 }).toEqual([target]);

  // The history: what happened beside what the dry run predicted, and QEMU's own measure of the pause.
  await expect.poll(async () => (await migrationRow("web1", QEMU_E2E.databaseUrl))?.phase).toBe("completed");
  const recorded = await migrationRow("web1", QEMU_E2E.databaseUrl);
  expect(recorded?.hypervisorDowntimeMs).toBeGreaterThanOrEqual(0);
  expect(recorded?.downtimeMs).toBeGreaterThanOrEqual(recorded?.hypervisorDowntimeMs ?? 0);
  expect(recorded?.predictedDowntime).toBeGreaterThan(0);
  expect(recorded?.predictedSeconds).toBeGreaterThan(0);
  const history = (await historyRows(page, "web1")).first();
  await expect(history).toContainText("completed");
  await expect(history).toContainText(`${recorded?.downtimeMs} ms`);
  await expect(history).toContainText(`hypervisor ${recorded?.hypervisorDowntimeMs} ms`);
  await expect(history).toContainText(`predicted ${Math.round(recorded?.predictedDowntime ?? 0)} ms`);
  await expect(history).toContainText(`predicted ${(recorded?.predictedSeconds ?? 0).toFixed(1)} s`);
  await page.screenshot({ path: testInfo.outputPath("history.png"), fullPage: true });
});

test("cancel mid-transfer leaves the guest running on its source, once", async ({ page }) => {
  const source = await whereRuns("db1");
  const target = targetFrom(source);
  const dialog = await readyDialog(page, "db1", target, CANCEL_MIBPS);
  await dialog.getByRole("button", { name: "Migrate" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/migrations");
  const bar = page.getByRole("progressbar", { name: "Migration of db1" });
  await expect(page.getByRole("listitem").and(page.locator("[aria-current=step]"))).toHaveText(
    "State transfer",
    {
      timeout: 30_000,
    },
  );
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 30_000 })
    .toBeGreaterThan(0);
  expect(Number(await bar.getAttribute("aria-valuenow"))).toBeLessThan(100);
  await cancelMigration(page, "db1", source);

  const rows = await domainRows(page, "db1");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(source);
  await expect(rows.first()).toContainText("active");
  await expect.poll(() => hostsRunningQemuOf("db1"), { timeout: 20_000 }).toEqual([source]);
  const history = (await historyRows(page, "db1")).first();
  await expect(history).toContainText("cancelled");
});
