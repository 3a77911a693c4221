import { expect, type Page, test } from "@playwright/test";
import { account, E2E_PORT, expectSignedInAs, storageStatePath } from "./auth";
import { agentClient } from "./cluster";
import { fillMigrateDialog, historyRows, openMigrateDialog } from "./migrate-dialog";
import { callServerAction, serverActionId } from "./server-action";

/**
 * What each role sees and may do, and that the server holds to it when the page is bypassed: a
 * viewer's hand-made call of the migrate action is refused and moves nothing; the audit log shows
 * the operator's migration and the viewer's refusal.
 */

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

test.describe("a viewer", () => {
  test.use({ storageState: storageStatePath("viewer", E2E_PORT) });

  test("sees the cluster and its settings, and no control that changes them", async ({ page }) => {
    await page.goto("/domains/web01");
    await expectSignedInAs(page, "viewer");
    await expect(page.getByRole("heading", { name: "web01", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Migrate…" })).toHaveCount(0);
    for (const admins of ["Users", "Audit log"])
      await expect(nav(page).getByRole("link", { name: admins })).toHaveCount(0);

    await page.goto("/hosts/h8");
    await expect(page.getByRole("heading", { name: "h8", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Maintenance mode…" })).toHaveCount(0);

    await page.goto("/suggestions");
    await expect(page.getByRole("heading", { name: "Suggestions", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);

    await expectReadOnlySettings(page, "viewer");
    for (const path of ["/users", "/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: /is for admins$/ })).toBeVisible();
    }
  });

  test("calling the migrate action by hand is refused, and the domain stays where it was", async ({
    page,
  }) => {
    const h8 = agentClient("h8");
    const before = (await h8.domains()).map((domain) => domain.name);
    expect(before).toContain("wiki01");

    const id = serverActionId("lib/actions/migrations.ts", "startMigration");
    const call = await callServerAction(page.request, "/domains/wiki01", id, [
      { domain: "wiki01", source: "h8", target: "h6", kind: "auto" },
    ]);
    expect(call.status).toBe(200);
    expect(call.body).toContain('"code":"FORBIDDEN"');
    expect(call.body).not.toContain('"ok":true');

    // Nothing was asked of the agents: no migration of wiki01, and it is still on h8 only.
    await page.waitForTimeout(1000);
    expect((await h8.migrations()).filter((migration) => migration.domain === "wiki01")).toEqual([]);
    expect((await h8.domains()).map((domain) => domain.name)).toEqual(before);
    expect((await agentClient("h6").domains()).map((domain) => domain.name)).not.toContain("wiki01");
  });
});

test.describe("an operator", () => {
  test.use({ storageState: storageStatePath("operator", E2E_PORT) });

  test("migrates, and is started-by in the history; reads the settings, has no users or audit", async ({
    page,
  }) => {
    const dialog = await openMigrateDialog(page, "test01");
    await fillMigrateDialog(dialog, { target: "h8" });
    // Cold (test01 is inactive): fewer pre-checks than a live migration's.
    await expect(dialog.getByText(/^All \d+ pre-checks passed$/)).toBeVisible();
    await dialog.getByRole("button", { name: "Migrate" }).click();
    await expect(dialog).toBeHidden();
    const history = await historyRows(page, "test01");
    await expect(history).toHaveCount(1);
    await expect(history).toContainText(account("operator").email);

    await expectSignedInAs(page, "operator");
    await expect(nav(page).getByRole("link", { name: "Suggestions" })).toBeVisible();
    for (const admins of ["Users", "Audit log"])
      await expect(nav(page).getByRole("link", { name: admins })).toHaveCount(0);
    await expectReadOnlySettings(page, "operator");
  });
});

test.describe("an admin", () => {
  test("manages users, and the last admin stays", async ({ page }) => {
    await page.goto("/users");
    await expectSignedInAs(page, "admin");
    const email = `new-user-${Date.now()}@ballast.demo`;
    const form = page.getByRole("region", { name: "Add a user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("New user");
    await form.getByLabel("Password").fill("a-long-enough-password");
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByRole("button", { name: "Add user" }).click();
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toHaveCount(1);

    await row.getByLabel(`Role of ${email}`).selectOption("operator");
    await row.getByRole("button", { name: "Change role" }).click();
    await expect(page.getByText(`${email} is now operator`)).toBeVisible();

    const self = page.getByRole("row").filter({ hasText: account("admin").email });
    await self.getByLabel(`Role of ${account("admin").email}`).selectOption("viewer");
    await self.getByRole("button", { name: "Change role" }).click();
    await expect(self.getByRole("alert")).toHaveText("this is the last admin: make another user admin first");

    await row.getByRole("button", { name: `Remove ${email}` }).click();
    await row.getByRole("button", { name: `Yes, remove ${email}` }).click();
    await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
  });

  test("reads in the audit log what was done and what was refused", async ({ page }) => {
    await page.goto(`/audit?actor=${encodeURIComponent(account("operator").email)}&action=migration.start`);
    const events = page.getByRole("region", { name: "Audit events" }).getByRole("row");
    await expect(events.filter({ hasText: "test01 h2 -> h8" }).filter({ hasText: "ok" })).toHaveCount(1);

    await page.goto("/audit");
    await page.getByLabel("Outcome").selectOption("refused");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/outcome=refused/);
    const refused = events.filter({ hasText: account("viewer").email }).filter({ hasText: "wiki01" });
    await expect(refused).toHaveCount(1);
    await expect(refused).toContainText("migration.start");
    await expect(refused).toContainText("lacks migrate");

    await page.goto("/audit?action=user.role&outcome=failed");
    await expect(events.filter({ hasText: "last admin" })).toHaveCount(1);
    await page.goto("/audit?action=sign-in&outcome=ok");
    await expect(events.filter({ hasText: account("viewer").email }).first()).toBeVisible();
  });
});

/** Settings as a role that sees everything there and may change none of it. */
async function expectReadOnlySettings(page: Page, role: string) {
  await nav(page).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByText(`Your role (${role}) may read these; an admin changes them.`)).toBeVisible();
  // The agents and the planner's settings are there to read...
  await expect(page.getByRole("heading", { name: "h1", level: 3 })).toBeVisible();
  await expect(page.getByLabel("CPU overcommit")).toBeDisabled();
  // ...with no control to change them.
  for (const control of [/^Test/, /^Edit/, /^Remove/, /^Add agent/, /^Save planner settings/, /^Add rule/])
    await expect(page.getByRole("button", { name: control })).toHaveCount(0);
}
