import { defineConfig } from "vitest/config";

// Unit tests sit next to the code they test; integration tests start real agent
// processes on loopback and live in test/integration.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["{lib,agent,cluster,cli}/**/*.test.ts"] } },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
