import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentProcess } from "./agent-process";
import { findFreePorts } from "./free-ports";
import { agentConfigs, type ClusterLayout, type Scenario } from "./scenario";

/** A set of agent processes started from one scenario; the demo cluster, and the tests' clusters. */

export interface ClusterOptions {
  scenario: Scenario;
  stateRoot?: string;
  basePort?: number;
  listenHost?: string;
  timeScale?: number;
  logLevel?: ClusterLayout["logLevel"];
}

export class Cluster {
  private constructor(
    readonly agents: AgentProcess[],
    readonly stateRoot: string,
    private readonly temporary: boolean,
  ) {}

  static async start(options: ClusterOptions): Promise<Cluster> {
    const listenHost = options.listenHost ?? "127.0.0.1";
    const temporary = options.stateRoot === undefined;
    const stateRoot = options.stateRoot ?? (await mkdtemp(join(tmpdir(), "ballast-cluster-")));
    const ports = await findFreePorts(listenHost, options.basePort ?? 0, options.scenario.hosts.length);
    const configs = agentConfigs(options.scenario, {
      stateRoot,
      listenHost,
      ports,
      timeScale: options.timeScale,
      logLevel: options.logLevel,
    });
    const cluster = new Cluster(
      configs.map((config) => new AgentProcess(config, stateRoot)),
      stateRoot,
      temporary,
    );
    try {
      await Promise.all(cluster.agents.map((agent) => agent.start()));
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  agent(name: string): AgentProcess {
    const agent = this.agents.find((candidate) => candidate.name === name);
    if (!agent) throw new Error(`no agent ${name} in this cluster`);
    return agent;
  }

  /** The manifest of CONTRACTS.md, plus each agent's process id (tests stop one to see it go down). */
  manifest(): { agents: { name: string; url: string; token: string; pid: number | undefined }[] } {
    return {
      agents: this.agents.map(({ config, pid }) => ({
        name: config.name,
        url: config.url,
        token: config.token,
        pid,
      })),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.agents.map((agent) => agent.stop()));
    if (this.temporary) await rm(this.stateRoot, { recursive: true, force: true });
  }
}
