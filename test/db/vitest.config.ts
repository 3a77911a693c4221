import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:db`: the data layer against the database DATABASE_URL names (a fresh SQLite file
 * when it is unset or `file:`; fresh databases on that server when it is PostgreSQL). The app's
 * data modules import "server-only", which only Next.js resolves: here it is an empty module.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: { alias: { "server-only": fileURLToPath(new URL("./server-only.ts", import.meta.url)) } },
  test: {
    name: "db",
    include: ["test/db/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
