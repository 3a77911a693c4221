import { expect, type Page, test } from "@playwright/test";

/** The migrate dialog against real agents: pre-checks, a live migration to its end, a cancel. */

async function openMigrateDialog(page: Page, domain: string) {
  await page.goto(`/domains/${domain}`);
  await page.getByRole("button", { name: "Migrate…" }).click();
  return page.getByRole("dialog");
}

test("a dry run shows each failed pre-check with its message and keeps Migrate disabled", async ({
  page,
}) => {
  const dialog = await openMigrateDialog(page, "crypto01");
  await dialog.getByLabel("Target host").selectOption("h7");
  await expect(dialog.getByText("2 of 23 pre-checks failed")).toBeVisible();
  await expect(dialog.getByText(/target h7 has SPARC-T5 at 3600 MHz/)).toBeVisible();
  await expect(dialog.getByText(/1 bound crypto unit\(s\) and 8 VCPUs/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Migrate" })).toBeDisabled();
});

test("a live migration runs to completion, with the s and t flags on the way", async ({ page }) => {
  const dialog = await openMigrateDialog(page, "web05");
  await dialog.getByLabel("Target host").selectOption("h6");
  await dialog.getByLabel(/Bandwidth limit/).fill("40");
  await expect(dialog.getByText("All 23 pre-checks passed")).toBeVisible();
  await dialog.getByRole("button", { name: "Migrate" }).dblclick();

  await page.goto("/domains?q=web05");
  const rows = page.getByRole("row").filter({ hasText: "web05" });
  await expect(rows.filter({ hasText: "-n---s" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "-----t" })).toHaveCount(1);
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await expect(rows.first()).toContainText("h6");

  await page.goto("/migrations");
  const history = page.getByRole("region", { name: "History" }).getByRole("row").filter({ hasText: "web05" });
  await expect(history).toHaveCount(1);
  await expect(history).toContainText("completed");
});

test("cancel keeps the domain running on its source", async ({ page }) => {
  const dialog = await openMigrateDialog(page, "app03");
  await dialog.getByLabel("Target host").selectOption("h3");
  await dialog.getByLabel(/Bandwidth limit/).fill("20");
  await expect(dialog.getByText("All 23 pre-checks passed")).toBeVisible();
  await dialog.getByRole("button", { name: "Migrate" }).click();

  await page.goto("/migrations");
  await page.getByRole("button", { name: "Cancel migration" }).click();
  await page.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(page.getByText("Cancelled: app03 runs on h2")).toBeVisible();

  await page.goto("/domains?q=app03");
  const rows = page.getByRole("row").filter({ hasText: "app03" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("h2");
  await expect(rows.first()).toContainText("active");
});
