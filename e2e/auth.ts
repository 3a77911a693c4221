import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../lib/auth/demo-accounts";
import type { Role } from "../lib/auth/roles";

/**
 * Signing in as the demo accounts `npm start` creates on the suites' fresh databases. The setup
 * project (auth.setup.ts) signs each role in once and keeps its cookies in a state file per port;
 * specs use the admin's by default and pick another role with `test.use({ storageState })`.
 */

export function account(role: Role) {
  const found = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!found) throw new Error(`no demo account for ${role}`);
  return found;
}

export function storageStatePath(role: Role, port: number | string): string {
  return `.data/e2e-auth/${port}-${role}.json`;
}

/** The sim suite's port (playwright.config.ts); the qemu suite passes its own. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export async function signIn(page: Page, role: Role, password = account(role).password): Promise<void> {
  await page.getByLabel("Email").fill(account(role).email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The main navigation's "signed in as" part. */
export async function expectSignedInAs(page: Page, role: Role): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByText(account(role).email)).toBeVisible();
  await expect(nav.getByText(role, { exact: true })).toBeVisible();
}
