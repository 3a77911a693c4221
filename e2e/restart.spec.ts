import { type ChildProcess, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { account } from "./auth";
import { agentClient } from "./cluster";
import { E2E_DATABASE_URL, migrationRow } from "./db";
import { listeningPid } from "./listening-process";
import { ALL_CHECKS_PASSED, fillMigrateDialog, openMigrateDialog } from "./migrate-dialog";

/**
 * A dashboard that was not running while a migration ended: a fresh dashboard process on the same
 * database reconciles with the agents and records the outcome under the admin who started it.
 * The suite's dashboard is the one that goes away: frozen (SIGSTOP) right after it started the
 * migration, as a crashed process would be, since running it records outcomes in the background
 * (every 2 s) and would never miss one. It is thawed at the end for the tests after this one.
 */

const FIRST_PORT = Number(process.env.E2E_PORT ?? 3100); // playwright.config.ts
const SECOND_PORT = FIRST_PORT + 1;
let second: ChildProcess | undefined;
let frozen: number | undefined;
test.afterAll(() => {
  second?.kill("SIGTERM");
  if (frozen !== undefined) process.kill(frozen, "SIGCONT");
});

test("a restarted dashboard records the outcome of a migration that ended while it was down", async ({
  page,
}) => {
  const dialog = await openMigrateDialog(page, "web06");
  await fillMigrateDialog(dialog, { target: "h4", bandwidthMiBps: 40 });
  await expect(dialog.getByText(ALL_CHECKS_PASSED)).toBeVisible();
  await dialog.getByRole("button", { name: "Migrate" }).click();
  await expect(dialog).toBeHidden();
  await page.goto("about:blank"); // nothing polls the first dashboard any more
  frozen = listeningPid(FIRST_PORT);
  process.kill(frozen, "SIGSTOP");

  const agent = agentClient("h3");
  await expect
    .poll(async () => (await agent.migrations()).find((m) => m.domain === "web06")?.phase, {
      timeout: 30_000,
    })
    .toBe("completed");

  // The first dashboard stopped before the end: its row still shows the migration under way.
  const rowBefore = await migrationRow("web06");
  expect(rowBefore?.startedBy).toBe(account("admin").email);
  expect(rowBefore?.phase).not.toBe("completed");

  second = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(SECOND_PORT), "-H", "127.0.0.1"],
    {
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    },
  );
  // Up once it answers; without a session cookie that answer is 401. The page below is signed in:
  // cookies go to every port of a host, and the second process checks them with the same secret.
  await expect
    .poll(
      async () =>
        fetch(`http://127.0.0.1:${SECOND_PORT}/api/cluster`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(401);

  await page.goto(`http://127.0.0.1:${SECOND_PORT}/migrations?domain=web06`);
  const row = page.getByRole("region", { name: "History" }).getByRole("row").filter({ hasText: "web06" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("completed");
  await expect(row).toContainText(account("admin").email);
});
