import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AgentConfig } from "../agent/config";
import { AgentClient } from "../lib/agent-client/agent-client";
import type { ClientTls } from "../lib/agent-client/http-call";

/**
 * One host agent as a separate operating-system process, the way it runs in production: its own
 * config file, its own log file. Used by the demo cluster, the integration tests and the benchmark.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export class AgentProcess {
  private child: ChildProcess | undefined;
  readonly configPath: string;
  readonly logPath: string;

  /** Its config file holds only hashes: the token is what clients (and the manifest) use. */
  constructor(
    readonly config: AgentConfig,
    readonly token: string,
    folder: string,
  ) {
    this.configPath = join(folder, "configs", `${config.name}.json`);
    this.logPath = join(folder, "logs", `${config.name}.log`);
  }

  get name(): string {
    return this.config.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  client(timeoutMs = 10_000): AgentClient {
    return new AgentClient({ url: this.config.url, token: this.token, timeoutMs, tls: this.clientTls() });
  }

  /**
   * Trusts the CA of an https agent (the cluster's own), so its clients need no environment; where
   * the agents require client certificates, the cluster's own clients present the agent's.
   */
  clientTls(): ClientTls | undefined {
    const tls = this.config.tls;
    if (!tls?.ca) return undefined;
    const mine = tls.requireClientCert ? { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } : {};
    return { ca: readFileSync(tls.ca), ...mine };
  }

  /** Starts the process; `env` adds variables (the tests arm crash points with BALLAST_FAULTS). */
  async start(timeoutMs = 30_000, env: Record<string, string> = {}): Promise<void> {
    mkdirSync(dirname(this.configPath), { recursive: true });
    mkdirSync(dirname(this.logPath), { recursive: true });
    await writeFile(this.configPath, JSON.stringify(this.config, null, 2), { mode: 0o600 });
    const log = openSync(this.logPath, "a");
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "agent/main.ts"), "--config", this.configPath],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", log, log],
      },
    );
    await this.waitHealthy(timeoutMs);
  }

  /** SIGTERM and wait for a clean exit (SIGKILL after the grace period). */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** SIGHUP: the agent reads its config file again (tokens, peers, allow-list), without a restart. */
  reload(): void {
    if (this.running) this.child?.kill("SIGHUP");
  }

  /** SIGKILL: the agent dies on the spot, as in a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.kill("SIGKILL");
    await exited;
  }

  /**
   * This agent, not another process that took its port first (which would answer /healthz all the
   * same while this one fails to listen): only this agent knows its token and name.
   */
  private async answersAsItself(client: AgentClient): Promise<boolean> {
    try {
      return (await client.host()).name === this.name;
    } catch {
      return false;
    }
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logPath, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const client = this.client(1000);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`agent ${this.name} exited during start:\n${this.logTail()}`);
      if (await this.answersAsItself(client)) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`agent ${this.name} did not answer /healthz within ${timeoutMs} ms:\n${this.logTail()}`);
  }
}
