import "server-only";
import type { AgentClient } from "../agent-client/agent-client";
import { AgentHttpError } from "../agent-client/errors";
import type { Domain } from "../schemas/domain";
import type { Host } from "../schemas/host";
import type { MigrationStatus } from "../schemas/migration";
import { agentClients, type RegisteredAgent, registeredClient } from "./agents";

/**
 * The cluster as the agents report it now: every registered agent asked at once, each with a
 * timeout, so one dead host shows as unreachable instead of stalling the page. Each page asks only
 * what it shows: hosts and migrations (the overview, the hosts list, the migrations page), domains
 * and migrations (the domains list), or all three (a domain's page, /api/cluster). Every request to
 * an agent counts (at 200 agents a round is 200 requests per kind), so no page asks for a kind it
 * does not use. Pages get these through live-cluster.ts, which shares one round among callers.
 */

export interface HostSummary {
  name: string;
  url: string;
  reachable: boolean;
  error: string | null;
  host: Host | null;
  migrations: MigrationStatus[];
}

/** A host's domains and migrations, without its resources. */
export interface HostDomains {
  name: string;
  url: string;
  reachable: boolean;
  error: string | null;
  domains: Domain[];
  migrations: MigrationStatus[];
}

export interface HostView extends HostSummary, HostDomains {}

export interface ClusterHosts {
  takenAt: string;
  hosts: HostSummary[];
}

export interface ClusterDomains {
  takenAt: string;
  hosts: HostDomains[];
}

export interface ClusterSnapshot {
  takenAt: string;
  hosts: HostView[];
}

function unreachable(agent: RegisteredAgent, error: unknown): HostView {
  return {
    name: agent.name,
    url: agent.url,
    reachable: false,
    error: error instanceof Error ? error.message : String(error),
    host: null,
    domains: [],
    migrations: [],
  };
}

/** One request where the agent has GET /v1/summary; two where it is older and answers 404. */
async function hostAndMigrations(
  client: AgentClient,
): Promise<{ host: Host; migrations: MigrationStatus[] }> {
  try {
    return await client.summary();
  } catch (error) {
    if (!(error instanceof AgentHttpError && error.status === 404)) throw error;
    const [host, migrations] = await Promise.all([client.host(), client.migrations()]);
    return { host, migrations };
  }
}

async function askAgent(agent: RegisteredAgent, client: AgentClient): Promise<HostView> {
  try {
    const [{ host, migrations }, domains] = await Promise.all([hostAndMigrations(client), client.domains()]);
    return { name: agent.name, url: agent.url, reachable: true, error: null, host, domains, migrations };
  } catch (error) {
    return unreachable(agent, error);
  }
}

async function askAgentHosts(agent: RegisteredAgent, client: AgentClient): Promise<HostSummary> {
  try {
    const { host, migrations } = await hostAndMigrations(client);
    return { name: agent.name, url: agent.url, reachable: true, error: null, host, migrations };
  } catch (error) {
    const { domains: _none, ...summary } = unreachable(agent, error);
    return summary;
  }
}

async function askAgentDomains(agent: RegisteredAgent, client: AgentClient): Promise<HostDomains> {
  try {
    const [domains, migrations] = await Promise.all([client.domains(), client.migrations()]);
    return { name: agent.name, url: agent.url, reachable: true, error: null, domains, migrations };
  } catch (error) {
    const { host: _none, ...rest } = unreachable(agent, error);
    return rest;
  }
}

/** Every agent's host, domains and migrations. */
export async function takeSnapshot(): Promise<ClusterSnapshot> {
  const agents = await agentClients();
  const hosts = await Promise.all(agents.map(({ agent, client }) => askAgent(agent, client)));
  return { takenAt: new Date().toISOString(), hosts };
}

/** Every agent's host and migrations, without the domains. */
export async function takeHostsSnapshot(): Promise<ClusterHosts> {
  const agents = await agentClients();
  const hosts = await Promise.all(agents.map(({ agent, client }) => askAgentHosts(agent, client)));
  return { takenAt: new Date().toISOString(), hosts };
}

/** Every agent's domains and migrations, without the hosts' resources. */
export async function takeDomainsSnapshot(): Promise<ClusterDomains> {
  const agents = await agentClients();
  const hosts = await Promise.all(agents.map(({ agent, client }) => askAgentDomains(agent, client)));
  return { takenAt: new Date().toISOString(), hosts };
}

/** One registered host with its domains, asked alone (the host page); null when no agent has that name. */
export async function takeHostView(name: string): Promise<{ takenAt: string; view: HostView } | null> {
  const found = await registeredClient(name);
  if (!found) return null;
  const view = await askAgent(found.agent, found.client);
  return { takenAt: new Date().toISOString(), view };
}
