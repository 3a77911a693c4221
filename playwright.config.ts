import { defineConfig } from "@playwright/test";
import { storageStatePath } from "./e2e/auth";

/**
 * Browser tests in Debian's Chromium against the built dashboard and a real demo cluster, both
 * started by `npm start`'s script on their own port, database and manifest. The setup project signs
 * the demo accounts in first; every spec then runs signed in as the admin unless it picks a role.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  // The qemu demo cluster's suite has its own config (playwright.qemu.config.ts).
  testIgnore: "qemu/**",
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "signed-in",
      dependencies: ["setup"],
      testMatch: /\.spec\.ts$/,
      use: { storageState: storageStatePath("admin", PORT) },
    },
  ],
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Pages render from live agent rounds on a shared 2-core machine: allow for a slow render.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // A fresh database each run, so the history holds only this run's migrations.
    command: "rm -f .data/e2e.db && node --import tsx scripts/start.ts --time-scale 20 --log-level warn",
    url: `http://127.0.0.1:${PORT}/api/cluster`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT),
      // SQLite by default; `npm run test:postgres` passes a PostgreSQL database it started.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:.data/e2e.db",
      BALLAST_MANIFEST: ".cluster/e2e-manifest.json",
    },
  },
});
