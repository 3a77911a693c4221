import { expect, test } from "@playwright/test";

test.describe("overview", () => {
  test("shows every host with its CPU and memory, and the cluster totals", async ({ page }) => {
    await page.goto("/");
    const hosts = page.getByRole("region", { name: "Hosts" }).getByRole("listitem");
    await expect(hosts).toHaveCount(8);
    await expect(page.getByRole("link", { name: "h1", exact: true })).toBeVisible();
    await expect(hosts.first()).toContainText("CPU");
    await expect(hosts.first()).toContainText("Memory");
    await expect(page.getByText("8 / 8 reachable")).toBeVisible();
    await expect(page.getByText(/active of 45/)).toBeVisible();
  });
});
