import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

/** axe on every main page, once its live data is in. */
const PAGES = [
  ["overview", "/", "Cluster overview"],
  ["hosts", "/hosts", "Hosts"],
  ["host detail", "/hosts/h5", "h5"],
  ["domains", "/domains", "Domains"],
  ["domain detail", "/domains/web01", "web01"],
  ["migrations", "/migrations", "Migrations in progress"],
  ["suggestions", "/suggestions", "Suggestions"],
  ["maintenance mode", "/suggestions?maintenance=h8", "Maintenance mode for h8"],
  ["settings", "/settings", "Settings"],
  ["users", "/users", "Users"],
  ["audit log", "/audit", "Audit log"],
] as const;

for (const [label, path, heading] of PAGES) {
  test(`${label} has no accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
