import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentProcess } from "./agent-process";
import { findFreePorts, isAddressInUse } from "./free-ports";
import { claimStateRoot, releaseStateRoot, sweepAbandonedClusters, TEMP_PREFIX } from "./leftovers";
import { endQemuGuests } from "./qemu-guests";
import { agentConfigs, type ClusterLayout, type DriverKind, type Scenario } from "./scenario";

/** Starts tried when an agent finds its port taken (see free-ports.ts). */
const START_ATTEMPTS = 3;

/** A set of agent processes started from one scenario; the demo cluster, and the tests' clusters. */
export interface ClusterOptions {
  scenario: Scenario;
  /** `sim` unless given; a `qemu` cluster's guests are real QEMU processes, ended with the cluster. */
  driver?: DriverKind;
  stateRoot?: string;
  basePort?: number;
  listenHost?: string;
  timeScale?: number;
  logLevel?: ClusterLayout["logLevel"];
  /** HTTPS for every agent (ClusterLayout.tls); absent, plain HTTP. */
  tls?: ClusterLayout["tls"];
  tlsByHost?: ClusterLayout["tlsByHost"];
  /** How long each agent has to answer once spawned (AgentProcess.start's default when absent). */
  startTimeoutMs?: number;
}

export class Cluster {
  private constructor(
    readonly agents: AgentProcess[],
    readonly stateRoot: string,
    private readonly temporary: boolean,
    readonly driver: DriverKind,
  ) {}

  static async start(options: ClusterOptions): Promise<Cluster> {
    const listenHost = options.listenHost ?? "127.0.0.1";
    const temporary = options.stateRoot === undefined;
    // Agents and guests of clusters whose process died (SIGKILL) are ended before new ones start.
    await sweepAbandonedClusters();
    const stateRoot = options.stateRoot ?? (await mkdtemp(join(tmpdir(), TEMP_PREFIX)));
    await mkdir(stateRoot, { recursive: true });
    const existedBefore = new Set(await readdir(stateRoot).catch(() => [] as string[]));
    await claimStateRoot(stateRoot);
    for (let attempt = 1; ; attempt++) {
      const ports = await findFreePorts(listenHost, options.basePort ?? 0, options.scenario.hosts.length);
      const configs = agentConfigs(options.scenario, {
        driver: options.driver,
        stateRoot,
        listenHost,
        ports,
        timeScale: options.timeScale,
        logLevel: options.logLevel,
        tls: options.tls,
        tlsByHost: options.tlsByHost,
      });
      const cluster = new Cluster(
        configs.map(({ config, token }) => new AgentProcess(config, token, stateRoot)),
        stateRoot,
        temporary,
        options.driver ?? "sim",
      );
      // Every start settles before anything is stopped, so no agent is left running behind a failure.
      const started = await Promise.allSettled(
        cluster.agents.map((agent) => agent.start(options.startTimeoutMs)),
      );
      const failure = started.find((result) => result.status === "rejected");
      if (!failure) return cluster;
      await cluster.stopAgentsAndGuests();
      // A QEMU agent seeds and boots its guests before it listens: a retry starts from a clean slate.
      if (cluster.driver === "qemu") await cluster.removeNewStateDirs(existedBefore);
      // Another process bound a port between the probe and the agent's listen: new ports, same agents.
      if (attempt < START_ATTEMPTS && isAddressInUse(failure.reason)) continue;
      if (temporary) await rm(stateRoot, { recursive: true, force: true });
      else await releaseStateRoot(stateRoot);
      throw failure.reason;
    }
  }

  agent(name: string): AgentProcess {
    const agent = this.agents.find((candidate) => candidate.name === name);
    if (!agent) throw new Error(`no agent ${name} in this cluster`);
    return agent;
  }

  /** The manifest of CONTRACTS.md, plus each agent's process id (tests stop one to see it go down). */
  manifest(): { agents: { name: string; url: string; token: string; pid: number | undefined }[] } {
    return {
      agents: this.agents.map(({ config, token, pid }) => ({
        name: config.name,
        url: config.url,
        token,
        pid,
      })),
    };
  }

  async stop(): Promise<void> {
    await this.stopAgentsAndGuests();
    if (this.temporary) await rm(this.stateRoot, { recursive: true, force: true });
    else await releaseStateRoot(this.stateRoot);
  }

  /** The agents, then the QEMU guests they leave running (they outlive their agents by design). */
  async stopAgentsAndGuests(): Promise<void> {
    await Promise.all(this.agents.map((agent) => agent.stop()));
    if (this.driver === "qemu") await endQemuGuests(this.stateRoot);
  }

  /** The state folders of this cluster's agents that were not there before it started. */
  private async removeNewStateDirs(existedBefore: Set<string>): Promise<void> {
    for (const agent of this.agents) {
      if (!existedBefore.has(agent.name)) await rm(agent.config.stateDir, { recursive: true, force: true });
    }
  }
}
