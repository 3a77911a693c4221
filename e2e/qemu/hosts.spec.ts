import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { formatSizeMiB } from "../../lib/units";
import { expectNoAxeViolations } from "../axe";
import { agentClient } from "../cluster";
import { QEMU_E2E } from "./qemu-cluster";

/** The qemu demo cluster's hosts as the dashboard shows them: figures this machine reports. */

/** web1 on h1, as cluster/scenarios/qemu.json defines it. */
const WEB1_MIB = 256;

/** What /proc says of this machine, which the agents' QEMU driver reads too. */
function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const meminfo = readFileSync("/proc/meminfo", "utf8");
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(meminfo)?.[1]);
  return {
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? "",
    memTotalMiB: kB("MemTotal") / 1024,
    memAvailableMiB: kB("MemAvailable") / 1024,
  };
}

test("the overview shows the three hosts and the guests running on them", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Hosts" }).getByRole("listitem")).toHaveCount(3);
  await expect(page.getByText("3 / 3 reachable")).toBeVisible();
  await expect(page.getByText("2 active of 3")).toBeVisible();
});

test("a host's page shows QEMU, this machine's CPU and memory, and its guest", async ({ page }, testInfo) => {
  const agent = agentClient("h1", QEMU_E2E.manifest);
  const { cpuModel, memTotalMiB, memAvailableMiB } = machine();
  const host = await agent.host();
  expect(host.driver).toBe("qemu");
  expect(host.cpu.model).toBe(cpuModel);
  // The scenario offers 2 GiB a host, or less on a smaller machine; free memory is what is left of
  // it after the guests, and never more than the machine has available.
  expect(host.memory.totalMiB).toBeLessThanOrEqual(Math.min(2048, memTotalMiB));
  expect(host.memory.freeMiB).toBeLessThanOrEqual(host.memory.totalMiB - WEB1_MIB);
  expect(host.memory.freeMiB).toBeLessThanOrEqual(memAvailableMiB + 64);

  await page.goto("/hosts/h1");
  await expect(page.getByRole("heading", { level: 1, name: "h1" })).toBeVisible();
  await expect(page.getByText("(qemu driver)")).toBeVisible();
  await expect(page.getByText(cpuModel).first()).toBeVisible();
  // The page and the agent agree (asked again each try: free memory follows the machine).
  await expect(async () => {
    const { memory } = await agent.host();
    await expect(
      page.getByText(`${formatSizeMiB(memory.freeMiB)} of ${formatSizeMiB(memory.totalMiB)}`, {
        exact: true,
      }),
    ).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const domains = page.getByRole("region", { name: "Domains table" }).getByRole("row");
  await expect(domains.filter({ hasText: "web1" })).toContainText("active");
  await expect(domains.filter({ hasText: "web1" })).toContainText("256M");
  await expect(domains.filter({ hasText: "batch1" })).toContainText("inactive");
  await page.screenshot({ path: testInfo.outputPath("host-h1.png"), fullPage: true });
  await expectNoAxeViolations(page);
});

test("the hosts list shows each host's free memory as its agent reports it", async ({ page }) => {
  const agents = ["h1", "h2", "h3"].map((name) => ({ name, agent: agentClient(name, QEMU_E2E.manifest) }));
  await page.goto("/hosts");
  await expect(async () => {
    for (const { name, agent } of agents) {
      const { memory } = await agent.host();
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
      await expect(row).toContainText(
        `${formatSizeMiB(memory.freeMiB)} / ${formatSizeMiB(memory.totalMiB)}`,
        { timeout: 2_000 },
      );
    }
  }).toPass({ timeout: 20_000 });
  // The empty host has the memory the guests take elsewhere.
  const [h1, h3] = await Promise.all([agents[0]?.agent.host(), agents[2]?.agent.host()]);
  expect(h3?.domains.total).toBe(0);
  expect(h1?.memory.freeMiB).toBeLessThanOrEqual((h3?.memory.freeMiB ?? 0) - WEB1_MIB);
});
