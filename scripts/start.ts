import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { databaseUrl, providerOf } from "../prisma/provider";

/**
 * `npm start`: everything a newcomer needs on SQLite. Migrates the database, builds the dashboard
 * when its sources changed, starts the demo cluster and registers it, and serves the dashboard at
 * http://127.0.0.1:$PORT until SIGINT or SIGTERM, which stop all of it (CONTRACTS.md section 4).
 */

const ROOT = resolve(import.meta.dirname, "..");
const PORT = process.env.PORT ?? "3000";
const MANIFEST = resolve(ROOT, process.env.BALLAST_MANIFEST ?? ".cluster/manifest.json");
// SQLite (.data/ballast.db) unless DATABASE_URL names another file or a PostgreSQL database.
const DATABASE_URL = databaseUrl();
const PROVIDER = providerOf(DATABASE_URL);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL };
const children: ChildProcess[] = [];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

function start(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`start: ${args.join(" ")} exited (${signal ?? code}); stopping everything`);
      void stop(1);
    }
  });
  return child;
}

/** The newest modification time under the dashboard's sources, to rebuild only when needed. */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "generated") continue;
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const stamp = join(ROOT, ".next/BUILD_ID");
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return ["app", "components", "lib"].some((folder) => newestSource(join(ROOT, folder)) > built);
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((done) => child.once("exit", done)) : null,
    ),
  );
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

mkdirSync(join(ROOT, ".data"), { recursive: true });
const npx = (args: string[]) => run("npx", ["--no-install", ...args]);
// Applies prisma/<provider>/migrations (prisma.config.ts picks them from DATABASE_URL).
console.log(`start: database on ${PROVIDER}`);
npx(["prisma", "migrate", "deploy"]);
if (buildIsStale()) npx(["next", "build"]);

// A manifest left by an earlier run names agents that are gone: wait for this run's.
rmSync(MANIFEST, { force: true });
start(process.execPath, [
  "--import",
  "tsx",
  "cluster/main.ts",
  "--manifest",
  MANIFEST,
  ...process.argv.slice(2),
]);
for (let waited = 0; !existsSync(MANIFEST); waited += 200) {
  if (waited > 60_000) throw new Error("the demo cluster did not come up within a minute");
  await sleep(200);
}
run(process.execPath, [
  "--conditions=react-server",
  "--import",
  "tsx",
  "scripts/register-agents.ts",
  MANIFEST,
]);
start(process.execPath, [
  join(ROOT, "node_modules/next/dist/bin/next"),
  "start",
  "-p",
  PORT,
  "-H",
  "127.0.0.1",
]);
console.log(`\nBallast: http://127.0.0.1:${PORT}  (Ctrl-C stops the dashboard and the demo cluster)\n`);
