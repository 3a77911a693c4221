import type { Browser, BrowserContextOptions } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/auth/demo-accounts";

export interface BenchSession {
  /** For browser contexts: each sample's fresh context starts signed in (a first visit otherwise). */
  storageState: NonNullable<BrowserContextOptions["storageState"]>;
  /** For the bench's own GETs. */
  cookie: string;
}

/**
 * Signs the demo admin in once through the sign-in page, as a person would; the dashboard's
 * pages and routes answer only to a session. Its database got the demo accounts at start
 * (dashboard-process.ts runs scripts/create-first-users.ts).
 */
export async function signedIn(browser: Browser, url: string): Promise<BenchSession> {
  const admin = DEMO_ACCOUNTS.find((account) => account.role === "admin");
  if (!admin) throw new Error("no demo admin account");
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`, { timeout: 60_000 });
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((at) => at.pathname === "/", { timeout: 60_000 });
    const storageState = await context.storageState();
    const cookie = storageState.cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
    return { storageState, cookie };
  } finally {
    await context.close();
  }
}
