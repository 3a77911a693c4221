import { defineConfig } from "@playwright/test";
import { storageStatePath } from "./e2e/auth";
import { QEMU_E2E } from "./e2e/qemu/qemu-cluster";
import sim from "./playwright.config";

/**
 * The browser tests of e2e/qemu: the dashboard against the qemu demo cluster (3 hosts, real QEMU
 * guests), started by `npm start -- --driver qemu`'s script on its own port, database, manifest and
 * state folder. The browser and its settings are the sim suite's (playwright.config.ts).
 */
const PORT = Number(process.env.E2E_QEMU_PORT ?? 3102);

export default defineConfig({
  ...sim,
  testDir: "e2e/qemu",
  testIgnore: [],
  // The sim suite's sign-in setup, against this dashboard (its own database, so its own sessions).
  projects: [
    { name: "setup", testDir: "e2e", testMatch: /auth\.setup\.ts$/ },
    {
      name: "signed-in",
      dependencies: ["setup"],
      testMatch: /\.spec\.ts$/,
      use: { storageState: storageStatePath("admin", PORT) },
    },
  ],
  // Migrations of real guests take seconds, not the sim's fractions of one.
  timeout: 120_000,
  use: { ...sim.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    // Fresh each run: the history holds only this run's migrations, the guests boot from the scenario.
    command:
      `rm -rf ${QEMU_E2E.stateDir} && rm -f ${QEMU_E2E.databaseUrl.slice("file:".length)} && ` +
      `node --import tsx scripts/start.ts --driver qemu --state-dir ${QEMU_E2E.stateDir} --log-level warn`,
    url: `http://127.0.0.1:${PORT}/api/cluster`,
    // QEMU installed and the guest image built on a fresh machine, the dashboard built, guests booted.
    timeout: 600_000,
    reuseExistingServer: false,
    // The start command stops the cluster, which ends the QEMU guests (they outlive a SIGKILLed agent).
    gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
    env: {
      PORT: String(PORT),
      DATABASE_URL: QEMU_E2E.databaseUrl,
      BALLAST_MANIFEST: QEMU_E2E.manifest,
    },
  },
});
