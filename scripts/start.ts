import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureAuthSecret } from "../lib/auth/secret";
import { databaseUrl, providerOf } from "../prisma/provider";

/**
 * `npm start`: everything a newcomer needs on SQLite. Migrates the database, builds the dashboard
 * when its sources changed, starts the demo cluster and registers it, and serves the dashboard at
 * http://127.0.0.1:$PORT until SIGINT or SIGTERM, which stop all of it (CONTRACTS.md section 4).
 * Its arguments go to the demo cluster (cluster/main.ts); `--driver qemu` first installs QEMU when
 * missing and builds the guest image, in the foreground, so a newcomer sees what takes the time.
 * On a database without users it creates the first ones and prints how to sign in (the demo
 * accounts, or with BALLAST_ADMIN_EMAIL one admin with a random password).
 */

const ROOT = resolve(import.meta.dirname, "..");
const PORT = process.env.PORT ?? "3000";
const MANIFEST = resolve(ROOT, process.env.BALLAST_MANIFEST ?? ".cluster/manifest.json");
// SQLite (.data/ballast.db) unless DATABASE_URL names another file or a PostgreSQL database.
const DATABASE_URL = databaseUrl();
const PROVIDER = providerOf(DATABASE_URL);
// better-auth's telemetry is off in its options too; the variable keeps any other copy quiet.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", BETTER_AUTH_TELEMETRY: "0", DATABASE_URL, PORT };
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

/** The demo cluster's driver, as cluster/main.ts reads it from the same arguments. */
function driverOf(args: string[]): string {
  const at = args.findIndex((arg) => arg === "--driver" || arg.startsWith("--driver="));
  if (at < 0) return "sim";
  const arg = args[at] ?? "";
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (args[at + 1] ?? "");
}
const CLUSTER_ARGS = process.argv.slice(2);
const QEMU = driverOf(CLUSTER_ARGS) === "qemu";

if (QEMU) {
  // What `npm run cluster -- --driver qemu` would do before its agents start, here with its output shown.
  console.log("start: QEMU and the guest image (installed and built once)");
  run("bash", ["scripts/ensure-qemu.sh"]);
  run(process.execPath, ["--import", "tsx", "agent/drivers/qemu/guest-image-cli.ts"]);
}
mkdirSync(join(ROOT, ".data"), { recursive: true });
const npx = (args: string[]) => run("npx", ["--no-install", ...args]);
// Applies prisma/<provider>/migrations (prisma.config.ts picks them from DATABASE_URL).
console.log(`start: database on ${PROVIDER}`);
npx(["prisma", "migrate", "deploy"]);
// The secret that signs session cookies (.data/auth-secret unless BETTER_AUTH_SECRET is set).
ensureAuthSecret(ROOT);
run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/create-first-users.ts"]);
if (buildIsStale()) npx(["next", "build"]);

// A manifest left by an earlier run names agents that are gone: wait for this run's.
rmSync(MANIFEST, { force: true });
start(process.execPath, ["--import", "tsx", "cluster/main.ts", "--manifest", MANIFEST, ...CLUSTER_ARGS]);
// QEMU agents boot their guests before they answer (each agent has 30 s, and a start is retried).
const CLUSTER_WAIT_MS = QEMU ? 180_000 : 60_000;
for (let waited = 0; !existsSync(MANIFEST); waited += 200) {
  if (waited > CLUSTER_WAIT_MS) {
    // Stopped, not left behind: the cluster ends the agents (and QEMU guests) it started so far.
    console.error(`start: the demo cluster did not come up within ${CLUSTER_WAIT_MS / 1000} s`);
    await stop(1);
  }
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
