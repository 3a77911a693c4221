import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { GUEST_READY_LINE } from "../../agent/drivers/qemu/guest-image";
import { Cluster } from "../../cluster/cluster";
import { scenarioSchema } from "../../cluster/scenario";
import type { AgentClient } from "../../lib/agent-client/agent-client";
import { isFinalPhase, type MigrationStatus } from "../../lib/schemas/migration";
import { type MigrationLog, numberField, readMigrationLog } from "./agent-log";
import type { BenchCase, BenchOptions } from "./cases";
import { between, failedRun, type RunResult } from "./run-result";

/**
 * The agents' path: two real agent processes on loopback with the QEMU driver (started as the
 * integration tests start them), and a guest defined through the API that moves back and forth
 * between them. Each migration is asked for as the dashboard asks: a dry run (its prediction is
 * what the admin sees), then the same request for real, followed every 500 ms as the dashboard polls.
 */

const HOSTS = ["h1", "h2"] as const;
type HostName = (typeof HOSTS)[number];
/** The dashboard's poll: the benchmark's own requests should not load the agents more than it does. */
const POLL_MS = 500;
const LOOPBACK_LINK_MIBPS = 1024;

export async function startAgents(): Promise<Cluster> {
  const scenario = scenarioSchema.parse({
    defaults: {
      migration: {
        // Starting an incoming 1 GiB QEMU on a busy machine takes seconds.
        peerTimeoutMs: 30_000,
        // The migration network is loopback: QEMU's unthrottled stop-and-copy moves 7-21 MiB in
        // 8-23 ms here, about 1 GiB/s. Each migration's own limit is set by its request.
        linkMiBps: LOOPBACK_LINK_MIBPS,
      },
      host: { memory: { limitMiB: 4096 } },
    },
    hosts: HOSTS.map((name) => ({ name, domains: [] })),
  });
  return Cluster.start({ scenario, driver: "qemu", logLevel: "info", startTimeoutMs: 90_000 });
}

export class AgentGuest {
  private host: HostName = "h1";

  private constructor(
    private readonly cluster: Cluster,
    readonly name: string,
    private readonly benchCase: BenchCase,
    private readonly options: BenchOptions,
  ) {}

  /** Defines and starts the guest on h1; resolves once its workload runs. */
  static async start(cluster: Cluster, name: string, c: BenchCase, options: BenchOptions) {
    const guest = new AgentGuest(cluster, name, c, options);
    await guest.client("h1").defineDomain({
      name,
      vcpus: 1,
      memoryMiB: c.memoryMiB,
      workload: { dirtyRateMiBps: c.dirtyMiBps, wwsMiB: c.wssMiB },
      state: "active",
    });
    const log = join(cluster.agent("h1").config.stateDir, "qemu", "run", name, "serial.log");
    const deadline = Date.now() + options.bootTimeoutMs;
    while (!(await readFile(log, "utf8").catch(() => "")).includes(GUEST_READY_LINE)) {
      if (Date.now() > deadline) {
        await guest.remove();
        throw new Error(`${name} did not run its workload within the boot timeout`);
      }
      await sleep(200);
    }
    return guest;
  }

  /** One live migration to the other agent, through the API. */
  async migrate(): Promise<RunResult> {
    const c = this.benchCase;
    const from = this.host;
    const to = HOSTS.find((host) => host !== from) as HostName;
    const request = {
      domain: this.name,
      target: this.cluster.agent(to).config.url,
      kind: "live" as const,
      maxBandwidthMiBps: c.bandwidthMiBps,
      downtimeLimitMs: c.downtimeLimitMs,
    };
    const dry = await this.client(from).dryRun(request);
    if (!dry.ok)
      throw new Error(`dry run refused: ${dry.checks.flatMap((check) => (check.ok ? [] : [check.code]))}`);
    const postedAt = Date.now();
    let status: MigrationStatus;
    try {
      status = await this.follow(from, await this.client(from).startMigration(request));
    } catch (error) {
      return failedRun("agents", error, Date.now() - postedAt);
    }
    if (status.phase === "needs-attention")
      throw new Error(`migration ${status.id} needs attention: ${status.error}`);
    if (status.phase !== "completed")
      return failedRun("agents", `${status.phase}: ${status.error}`, Date.now() - postedAt);
    this.host = to;
    const endedAt = Date.parse(status.endedAt ?? "");
    const [source, target] = await Promise.all([
      this.log(from, status.id, ["migration suspend", "QEMU sent", "migration completed"]),
      this.log(to, status.id, ["migration completed"]),
    ]);
    const sent = source.entry("QEMU sent");
    const sentAt = source.at("QEMU sent");
    const qemuDowntimeMs = status.hypervisorDowntimeMs ?? numberField(sent, "hypervisorDowntimeMs");
    // The driver logs the wait, from seeing QEMU's migration completed, for the target's answer over
    // the control link: that wait is the arrival.
    const arrival = numberField(sent, "arrivalMs");
    const seenAt = sentAt === null || arrival === null ? null : sentAt - arrival;
    return {
      path: "agents",
      error: null,
      totalMs: endedAt - postedAt,
      qemuTotalMs: null,
      // QEMU's final figures, from the driver's log line: the status keeps the last progress seen.
      rounds: numberField(sent, "rounds") ?? status.round,
      qemuDowntimeMs,
      pauseMs: between(source.at("migration suspend"), target.at("migration completed")),
      reportedDowntimeMs: status.downtimeMs,
      sentBytes: numberField(sent, "transferredBytes") ?? status.transferredBytes,
      steps: {
        before: between(postedAt, source.at("migration prepare")),
        target: between(source.at("migration prepare"), source.at("migration transfer")),
        migrate: between(source.at("migration transfer"), seenAt),
        arrival,
        handoff: between(sentAt, target.at("migration completed")),
        end: between(target.at("migration completed"), endedAt),
      },
      prediction: dry.prediction,
      recordedMs: endedAt - Date.parse(status.startedAt),
    };
  }

  /** Stops and undefines the guest wherever it is (its QEMU ends with it). */
  async remove(): Promise<void> {
    const client = this.client(this.host);
    await client.stopDomain(this.name).catch(() => {});
    await client.undefineDomain(this.name).catch(() => {});
  }

  private client(host: HostName): AgentClient {
    return this.cluster.agent(host).client(60_000);
  }

  private async follow(host: HostName, started: MigrationStatus): Promise<MigrationStatus> {
    const client = this.client(host);
    const deadline = Date.now() + this.options.migrationTimeoutMs;
    let status = started;
    while (!isFinalPhase(status.phase) && status.phase !== "needs-attention") {
      if (Date.now() > deadline) {
        await client.cancel(status.id).catch(() => {});
        throw new Error(`still ${status.phase} after ${this.options.migrationTimeoutMs / 1000} s: cancelled`);
      }
      await sleep(POLL_MS);
      status = await client.migration(status.id);
    }
    return status;
  }

  /** The migration's lines in an agent's log; pino may write them a moment after the API answered. */
  private async log(host: HostName, id: string, needed: string[]): Promise<MigrationLog> {
    const path = this.cluster.agent(host).logPath;
    for (let attempt = 1; ; attempt++) {
      const log = await readMigrationLog(path, id);
      if (needed.every((message) => log.at(message) !== null) || attempt >= 10) return log;
      await sleep(100);
    }
  }
}
