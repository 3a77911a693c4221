import { type ChildProcess, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { AgentClient } from "../lib/agent-client/agent-client";
import { manifestAgents } from "./cluster";
import { E2E_DATABASE_URL, migrationRow } from "./db";

/**
 * A dashboard that was not running while a migration ended: a fresh dashboard process on the same
 * database reconciles with the agents and records the outcome under the admin who started it.
 */

// Next to the first dashboard (playwright.config.ts: E2E_PORT, 3100 by default).
const SECOND_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
let second: ChildProcess | undefined;
test.afterAll(() => {
  second?.kill("SIGTERM");
});

test("a restarted dashboard records the outcome of a migration that ended while it was down", async ({
  page,
}) => {
  await page.goto("/domains/web06");
  await page.getByRole("button", { name: "Migrate…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Target host").selectOption("h4");
  await dialog.getByLabel(/Bandwidth limit/).fill("40");
  await expect(dialog.getByText("All 23 pre-checks passed")).toBeVisible();
  await dialog.getByRole("button", { name: "Migrate" }).click();
  await expect(dialog).toBeHidden();
  await page.goto("about:blank"); // nothing polls the first dashboard any more

  const h3 = manifestAgents().find((agent) => agent.name === "h3");
  if (!h3) throw new Error("no h3 in the manifest");
  const agent = new AgentClient({ url: h3.url, token: h3.token });
  await expect
    .poll(async () => (await agent.migrations()).find((m) => m.domain === "web06")?.phase, {
      timeout: 30_000,
    })
    .toBe("completed");

  // The first dashboard stopped looking before the end: its row still shows the migration under way.
  const rowBefore = await migrationRow("web06");
  expect(rowBefore?.startedBy).toBe("admin");
  expect(rowBefore?.phase).not.toBe("completed");

  second = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(SECOND_PORT), "-H", "127.0.0.1"],
    {
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    },
  );
  await expect
    .poll(
      async () =>
        fetch(`http://127.0.0.1:${SECOND_PORT}/api/cluster`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200);

  await page.goto(`http://127.0.0.1:${SECOND_PORT}/migrations?domain=web06`);
  const row = page.getByRole("region", { name: "History" }).getByRole("row").filter({ hasText: "web06" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("completed");
  await expect(row).toContainText("admin");
});
