import { expect, type Locator, type Page } from "@playwright/test";
import { PRECHECK_CODES } from "../lib/prechecks/codes";

/**
 * The pages of a migration as an admin drives them, shared by the sim and the qemu suites: the
 * migrate dialog of a domain's page, the domains list, the history, and cancel from the migrations page.
 */

/** Every pre-check the agents run: a dry run that passes lists them all. */
export const ALL_CHECKS_PASSED = `All ${PRECHECK_CODES.length} pre-checks passed`;

export async function openMigrateDialog(page: Page, domain: string): Promise<Locator> {
  await page.goto(`/domains/${domain}`);
  await page.getByRole("button", { name: "Migrate…" }).click();
  return page.getByRole("dialog");
}

/** Picks the target and a bandwidth limit (which makes the migration slow enough to watch). */
export async function fillMigrateDialog(
  dialog: Locator,
  { target, bandwidthMiBps }: { target: string; bandwidthMiBps?: number },
): Promise<void> {
  await dialog.getByLabel("Target host").selectOption(target);
  if (bandwidthMiBps !== undefined) await dialog.getByLabel(/Bandwidth limit/).fill(String(bandwidthMiBps));
}

/** The domains list's rows of a domain: its own, and its target copy during a migration. */
export async function domainRows(page: Page, domain: string): Promise<Locator> {
  await page.goto(`/domains?q=${encodeURIComponent(domain)}`);
  return page.getByRole("row").filter({ hasText: domain });
}

/** The migrations history's rows of a domain. */
export async function historyRows(page: Page, domain: string): Promise<Locator> {
  await page.goto(`/migrations?domain=${encodeURIComponent(domain)}`);
  return page.getByRole("region", { name: "History" }).getByRole("row").filter({ hasText: domain });
}

/** On the migrations page: cancels the one migration under way, and waits for the toast. */
export async function cancelMigration(page: Page, domain: string, source: string): Promise<void> {
  await page.getByRole("button", { name: "Cancel migration" }).click();
  await page.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(page.getByText(`Cancelled: ${domain} runs on ${source}`)).toBeVisible();
}
