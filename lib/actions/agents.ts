"use server";

import { revalidatePath } from "next/cache";
import {
  type AgentField,
  type AgentTestReport,
  checkAgent,
  describeAgentError,
  duplicateMessage,
  errorKind,
  summarizeHost,
  uniqueViolationField,
  unknownAgentMessage,
} from "../dashboard/agent-check";
import {
  clientForId,
  clientForUrl,
  createAgent,
  deleteAgent,
  getAgent,
  type RegisteredAgent,
  updateAgent as updateAgentRecord,
} from "../dashboard/agents";
import { invalidateLive } from "../dashboard/live-cluster";
import { addAgentSchema, agentIdSchema, updateAgentSchema } from "../validations/agent";
import { type ActionResult, invalid } from "./result";

/**
 * The agent registry of the settings page: add, change, remove and test agents. Add and change
 * first ask the agent for its host with the given token, so only agents that answer, accept the
 * token and carry the given name get in. Tokens go in, never out: not in results, errors or logs.
 */

type Failure = Extract<ActionResult<never>, { ok: false }>;

const TOKEN_FOR_NEW_URL =
  "enter the token again when changing the URL: the stored token is only sent to the URL it was saved for";

/** Forms send FormData, other callers plain objects. */
function fields(input: unknown): unknown {
  return input instanceof FormData ? Object.fromEntries(input) : input;
}

/** A refusal, shown inline at the field to fix when there is one. */
function failure({ error, field }: { error: string; field?: AgentField }): Failure {
  return { ok: false, error, ...(field ? { fields: { [field]: error } } : {}) };
}

function changed(): void {
  invalidateLive();
  revalidatePath("/settings");
  revalidatePath("/");
}

/** Runs a write; a taken name or URL and a vanished agent become words, anything else a short notice. */
async function save(
  write: () => Promise<RegisteredAgent | null>,
  input: { name: string; url: string },
): Promise<ActionResult<RegisteredAgent>> {
  try {
    const agent = await write();
    if (!agent) return { ok: false, error: unknownAgentMessage() };
    changed();
    return { ok: true, data: agent };
  } catch (error) {
    const duplicate = uniqueViolationField(error);
    if (duplicate) return failure(duplicateMessage(duplicate, input));
    console.error(`agent registry: saving ${input.name} failed (${errorKind(error)})`);
    return {
      ok: false,
      error: "could not save the agent: the dashboard's database failed (see the server log)",
    };
  }
}

export async function addAgent(input: unknown): Promise<ActionResult<RegisteredAgent>> {
  const parsed = addAgentSchema.safeParse(fields(input));
  if (!parsed.success) return invalid(parsed.error);
  const agent = parsed.data;
  const client = clientForUrl(agent.url, agent.token);
  const check = await checkAgent(agent, () => client.host());
  if (!check.ok) return failure(check);
  return save(() => createAgent(agent), agent);
}

/** An empty token keeps the stored one, unless the URL changes (the token would go to a new place). */
export async function updateAgent(input: unknown): Promise<ActionResult<RegisteredAgent>> {
  const parsed = updateAgentSchema.safeParse(fields(input));
  if (!parsed.success) return invalid(parsed.error);
  const { id, name, url, token } = parsed.data;
  const current = await getAgent(id);
  if (!current) return { ok: false, error: unknownAgentMessage() };
  if (!token && url !== current.url) return failure({ error: TOKEN_FOR_NEW_URL, field: "token" });
  const client = token ? clientForUrl(url, token) : await clientForId(id);
  if (!client) return { ok: false, error: unknownAgentMessage() };
  const check = await checkAgent({ name, url, token }, () => client.host());
  if (!check.ok) return failure(check);
  return save(() => updateAgentRecord(id, { name, url, token }), { name, url });
}

export async function removeAgent(id: string): Promise<ActionResult<RegisteredAgent>> {
  const parsed = agentIdSchema.safeParse(id);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const removed = await deleteAgent(parsed.data);
    if (!removed) return { ok: false, error: unknownAgentMessage() };
    changed();
    return { ok: true, data: removed };
  } catch (error) {
    console.error(`agent registry: removing ${parsed.data} failed (${errorKind(error)})`);
    return {
      ok: false,
      error: "could not remove the agent: the dashboard's database failed (see the server log)",
    };
  }
}

/** Asks a registered agent for its host with the stored token: reachable, its name, CPU and memory. */
export async function testAgent(id: string): Promise<ActionResult<AgentTestReport>> {
  const parsed = agentIdSchema.safeParse(id);
  if (!parsed.success) return invalid(parsed.error);
  const [agent, client] = await Promise.all([getAgent(parsed.data), clientForId(parsed.data)]);
  if (!agent || !client) return { ok: false, error: unknownAgentMessage() };
  try {
    const host = summarizeHost(await client.host());
    return { ok: true, data: { agent, host, nameMatches: host.name === agent.name } };
  } catch (error) {
    return { ok: false, error: describeAgentError(error, agent.url).error };
  }
}
