import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findFreePorts } from "../../cluster/free-ports";
import { stopOnSignal } from "./cleanup";
import { memoryOf } from "./proc-usage";

/**
 * One `next start` of the benchmark's build, on its own port (3200 and up: 3000, 3100 and 3101 are
 * others') and its own SQLite database, migrated and filled with a cluster's agents the way
 * `npm start` does it (the demo accounts included: bench/ui/sign-in.ts signs the admin in). Each
 * cluster gets a fresh dashboard, so no agent of an earlier one lingers in the registry.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const FIRST_PORT = 3200;

export interface DashboardOptions {
  buildDir: string;
  manifestPath: string;
  /** A scratch folder: the database and the server's log go there. */
  dir: string;
  name: string;
}

export class Dashboard {
  private readonly forget: () => void;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    readonly logPath: string,
  ) {
    this.forget = stopOnSignal(() => this.stop());
  }

  static async start(options: DashboardOptions): Promise<Dashboard> {
    const [port] = await findFreePorts("127.0.0.1", FIRST_PORT, 1);
    const env = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_TELEMETRY: "0",
      // Sessions of this dashboard only, signed with a secret of its own.
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      PORT: String(port),
      DATABASE_URL: `file:${join(options.dir, `${options.name}.db`)}`,
    };
    run("npx", ["--no-install", "prisma", "migrate", "deploy"], env);
    const serverScript = (script: string, ...args: string[]) =>
      run(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], env);
    serverScript("scripts/register-agents.ts", options.manifestPath);
    serverScript("scripts/create-first-users.ts");
    const logPath = join(options.dir, `${options.name}-next.log`);
    const log = openSync(logPath, "a");
    // Its own process group, so stop() reaches anything next spawns as well.
    const child = spawn(
      process.execPath,
      [
        join(options.buildDir, "node_modules/next/dist/bin/next"),
        "start",
        "-p",
        String(port),
        "-H",
        "127.0.0.1",
      ],
      { cwd: options.buildDir, env, stdio: ["ignore", log, log], detached: true },
    );
    const dashboard = new Dashboard(`http://127.0.0.1:${port}`, child, logPath);
    try {
      await dashboard.waitListening(60_000);
    } catch (error) {
      await dashboard.stop();
      throw error;
    }
    return dashboard;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** RSS of the server process (next start serves from the process it was started as). */
  rssBytes(): number {
    return (this.pid === undefined ? undefined : memoryOf(this.pid))?.rssBytes ?? Number.NaN;
  }

  async stop(graceMs = 5000): Promise<void> {
    this.forget();
    const { child } = this;
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    signalGroup(child.pid, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child.pid as number, "SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Any HTTP answer means the server is up; a path that does not exist costs it nothing. */
  private async waitListening(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      try {
        await fetch(`${this.url}/bench-ready-probe`, { signal: AbortSignal.timeout(2000) });
        return;
      } catch {
        await new Promise((done) => setTimeout(done, 200));
      }
    }
    throw new Error(`next start did not answer on ${this.url}:\n${logTail(this.logPath)}`);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

function logTail(path: string, lines = 20): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
