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

/**
 * Timeout of an admin's migration action (dry run, start, cancel): the dialog says it is waiting,
 * and a QEMU source measures the guest's dirty rate for a second before it answers, which a busy
 * machine stretches past the page's 2 s.
 */
export const ACTION_TIMEOUT_MS = 15_000;

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

/** One registered agent by name, with its client; undefined when none has that name. */
export async function registeredClient(
  name: string,
): Promise<{ agent: RegisteredAgent; client: AgentClient } | undefined> {
  const agent = await db.agent.findUnique({ where: { name } });
  if (!agent) return undefined;
  const { id, url, token } = agent;
  return { agent: { id, name, url }, client: new AgentClient({ url, token, timeoutMs: AGENT_TIMEOUT_MS }) };
}

export async function clientFor(
  name: string,
  timeoutMs = AGENT_TIMEOUT_MS,
): Promise<AgentClient | undefined> {
  const agent = await db.agent.findUnique({ where: { name } });
  return agent ? new AgentClient({ url: agent.url, token: agent.token, timeoutMs }) : undefined;
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

const PUBLIC_FIELDS = { id: true, name: true, url: true } as const;

/** Prisma's "record to update/delete does not exist": the agent was removed meanwhile. */
function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

export async function getAgent(id: string): Promise<RegisteredAgent | null> {
  return db.agent.findUnique({ where: { id }, select: PUBLIC_FIELDS });
}

/** A client with the stored URL and token, for testing an agent without the token leaving lib/. */
export async function clientForId(id: string): Promise<AgentClient | undefined> {
  const agent = await db.agent.findUnique({ where: { id } });
  return agent
    ? new AgentClient({ url: agent.url, token: agent.token, timeoutMs: AGENT_TIMEOUT_MS })
    : undefined;
}

/** A client for an agent not registered yet (the registry tests it before saving it). */
export function clientForUrl(url: string, token: string): AgentClient {
  return new AgentClient({ url, token, timeoutMs: AGENT_TIMEOUT_MS });
}

/** Throws Prisma's P2002 when the name or URL is taken. */
export async function createAgent(agent: {
  name: string;
  url: string;
  token: string;
}): Promise<RegisteredAgent> {
  return db.agent.create({ data: agent, select: PUBLIC_FIELDS });
}

/** Keeps the stored token when `token` is undefined; null when no such agent; throws P2002 like createAgent. */
export async function updateAgent(
  id: string,
  changes: { name: string; url: string; token?: string },
): Promise<RegisteredAgent | null> {
  const data = { name: changes.name, url: changes.url, ...(changes.token ? { token: changes.token } : {}) };
  try {
    return await db.agent.update({ where: { id }, data, select: PUBLIC_FIELDS });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The removed agent, or null when there was none with this id. */
export async function deleteAgent(id: string): Promise<RegisteredAgent | null> {
  try {
    return await db.agent.delete({ where: { id }, select: PUBLIC_FIELDS });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
