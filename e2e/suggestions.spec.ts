import { expect, type Page, test } from "@playwright/test";

/**
 * Suggestions on the demo cluster (h1 and h2 carry most of the load): a balance plan applied,
 * watched to its end, and the imbalance lower after it; then a host put in maintenance and emptied.
 */

test.describe.configure({ timeout: 240_000 });

/** Opens the suggestions with no plan being applied (a retry may find the last attempt's still running). */
async function openSuggestions(page: Page, path = "/suggestions") {
  await page.goto(path);
  await expect(page.getByRole("button", { name: "Cancel plan" })).toHaveCount(0, { timeout: 200_000 });
}

/** The figure in the "Now" column of a row of the plan's figures, as a number. */
async function nowFigure(page: Page, label: string): Promise<number> {
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label }) });
  const text = (await row.getByRole("cell").first().textContent()) ?? "";
  return Number.parseFloat(text);
}

test("a balance plan applied runs wave by wave to its end, and the cluster is more even after", async ({
  page,
}) => {
  await openSuggestions(page);
  await expect(page.getByRole("heading", { name: "Suggestions", level: 1 })).toBeVisible();
  const before = await nowFigure(page, "Imbalance of CPU use (std. dev.)");
  const moves = page.getByRole("table", { name: "Suggested moves" }).getByRole("row");
  await expect(moves.nth(1)).toBeVisible();
  // Every move says why, with the loads of both hosts.
  await expect(moves.nth(1)).toContainText("%");

  await page.getByRole("button", { name: /^Apply all \d+ move\(s\)/ }).click();
  await page.getByRole("button", { name: "Yes, apply" }).click();
  // The page shows the plan once the server has rendered it again (planning anew around it).
  const run = page.getByRole("region", { name: /Applying a balance plan/ });
  await expect(run).toBeVisible({ timeout: 30_000 });
  await expect(run.getByRole("status")).toContainText(/finished: (\d+) of \1 moved$/, { timeout: 200_000 });

  await page.reload();
  const after = await nowFigure(page, "Imbalance of CPU use (std. dev.)");
  expect(after).toBeLessThan(before);
  // Planned again on the balanced cluster, the plan suggests nothing more.
  await expect(page.getByText(/Nothing worth moving/)).toBeVisible();
});

test("maintenance mode empties a host through an evacuate plan shown for approval", async ({ page }) => {
  await openSuggestions(page);
  await page.goto("/hosts/h6");
  await page.getByRole("link", { name: "Maintenance mode…" }).click();
  await expect(page.getByRole("heading", { name: "Maintenance mode for h6" })).toBeVisible();
  const moves = page.getByRole("table", { name: "Suggested moves" }).getByRole("row");
  await expect(moves.filter({ hasText: "h6 →" }).first()).toBeVisible();

  await page.getByRole("button", { name: /^Enter maintenance and move \d+ domain\(s\)/ }).click();
  await page.getByRole("button", { name: "Yes, apply" }).click();
  const run = page.getByRole("region", { name: /Emptying h6 for maintenance/ });
  await expect(run).toBeVisible({ timeout: 30_000 });
  await expect(run.getByRole("status")).toContainText(/finished: (\d+) of \1 moved$/, { timeout: 200_000 });

  await page.goto("/hosts/h6");
  await expect(page.getByText("in maintenance")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Domains (0)" })).toBeVisible();

  // The overview and the hosts list mark it too.
  await page.goto("/");
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "h6", exact: true }) });
  await expect(card.getByText("in maintenance")).toBeVisible();
  await page.goto("/hosts");
  await page.getByRole("radio", { name: "In maintenance" }).check();
  await expect(page.getByRole("status")).toHaveText("Showing 1 of 8 hosts");
  await expect(page.getByRole("row", { name: /^h6 / })).toContainText("in maintenance");
});
