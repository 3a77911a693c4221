import { expect, test } from "@playwright/test";
import { agentPid } from "./cluster";

/** Runs last (files run in name order): it kills one of the demo cluster's agents for good. */
test("an agent that dies shows as unreachable without breaking the page", async ({ page }) => {
  await page.goto("/");
  process.kill(agentPid("h8"), "SIGKILL");
  const h8 = page.getByRole("region", { name: "Hosts" }).getByRole("listitem").filter({ hasText: "h8" });
  await expect(h8.getByText("unreachable", { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText("7 / 8 reachable")).toBeVisible();
  await page.goto("/hosts");
  await expect(page.getByRole("row").filter({ hasText: "h8" })).toContainText(/unreachable/i);
  await page.goto("/domains");
  // iodom1 never moves (it owns I/O), so it is on h1 whatever the browser tests before moved.
  await expect(page.getByRole("row").filter({ hasText: "iodom1" })).toBeVisible();
});
