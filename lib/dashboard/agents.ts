import "server-only";
import { AgentClient } from "../agent-client/agent-client";
import { db } from "../db/client";

/** The registered agents (data access lives here only). Tokens stay on the server. */

export interface RegisteredAgent {
  id: string;
  name: string;
  url: string;
}

/** Timeout of every call the dashboard makes to an agent: a dead host must not stall a page. */
export const AGENT_TIMEOUT_MS = 2000;

export async function listAgents(): Promise<RegisteredAgent[]> {
  return db.agent.findMany({ select: { id: true, name: true, url: true }, orderBy: { name: "asc" } });
}

export async function agentClients(): Promise<{ agent: RegisteredAgent; client: AgentClient }[]> {
  const agents = await db.agent.findMany({ orderBy: { name: "asc" } });
  return agents.map(({ id, name, url, token }) => ({
    agent: { id, name, url },
    client: new AgentClient({ url, token, timeoutMs: AGENT_TIMEOUT_MS }),
  }));
}

export async function clientFor(name: string): Promise<AgentClient | undefined> {
  const agent = await db.agent.findUnique({ where: { name } });
  return agent
    ? new AgentClient({ url: agent.url, token: agent.token, timeoutMs: AGENT_TIMEOUT_MS })
    : undefined;
}

/** Adds or updates agents by name (the start command registers the demo cluster this way). */
export async function upsertAgents(agents: { name: string; url: string; token: string }[]): Promise<void> {
  await db.$transaction(
    agents.map((agent) =>
      db.agent.upsert({
        where: { name: agent.name },
        create: agent,
        update: { url: agent.url, token: agent.token },
      }),
    ),
  );
}
