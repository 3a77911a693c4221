import { expect, test } from "@playwright/test";
import {
  ALL_CHECKS_PASSED,
  cancelMigration,
  domainRows,
  fillMigrateDialog,
  historyRows,
  openMigrateDialog,
} from "./migrate-dialog";

/** The migrate dialog against real agents: pre-checks, a live migration to its end, a cancel. */

test("a dry run shows each failed pre-check with its message and keeps Migrate disabled", async ({
  page,
}) => {
  const dialog = await openMigrateDialog(page, "crypto01");
  await fillMigrateDialog(dialog, { target: "h7" });
  await expect(dialog.getByText("2 of 23 pre-checks failed")).toBeVisible();
  await expect(dialog.getByText(/target h7 has SPARC-T5 at 3600 MHz/)).toBeVisible();
  await expect(dialog.getByText(/1 bound crypto unit\(s\) and 8 VCPUs/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Migrate" })).toBeDisabled();
});

test("a live migration runs to completion, with the s and t flags on the way", async ({ page }) => {
  const dialog = await openMigrateDialog(page, "web05");
  await fillMigrateDialog(dialog, { target: "h6", bandwidthMiBps: 40 });
  await expect(dialog.getByText(ALL_CHECKS_PASSED)).toBeVisible();
  await dialog.getByRole("button", { name: "Migrate" }).dblclick();

  const rows = await domainRows(page, "web05");
  await expect(rows.filter({ hasText: "-n---s" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "-----t" })).toHaveCount(1);
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await expect(rows.first()).toContainText("h6");

  const history = await historyRows(page, "web05");
  await expect(history).toHaveCount(1);
  await expect(history).toContainText("completed");
});

test("cancel keeps the domain running on its source", async ({ page }) => {
  const dialog = await openMigrateDialog(page, "app03");
  await fillMigrateDialog(dialog, { target: "h3", bandwidthMiBps: 20 });
  await expect(dialog.getByText(ALL_CHECKS_PASSED)).toBeVisible();
  await dialog.getByRole("button", { name: "Migrate" }).click();

  await page.goto("/migrations");
  await cancelMigration(page, "app03", "h2");

  const rows = await domainRows(page, "app03");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("h2");
  await expect(rows.first()).toContainText("active");
});
