"use server";

import { revalidatePath } from "next/cache";
import type { AuditAction } from "../audit/events";
import { auditResult } from "../audit/record";
import { authorize } from "../auth/authorize";
import type { SignedInUser } from "../auth/session";
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
import {
  addAgentSchema,
  agentIdSchema,
  type UpdateAgentInput,
  updateAgentSchema,
} from "../validations/agent";
import { type ActionResult, invalid } from "./result";

/**
 * The agent registry of the settings page: add, change, remove and test agents. Add and change
 * first ask the agent for its host with the given token, so only agents that answer, accept the
 * token and carry the given name get in. Tokens go in, never out: not in results, errors, logs or
 * the audit log. Admins only; every change, and every refusal, is audited.
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

/** The caller, if an admin; the refusal otherwise (audited under the agent's name or id). */
async function admin(action: AuditAction, target: string) {
  return authorize("manage-agents", { action, target });
}

async function audited<T>(
  user: SignedInUser,
  action: AuditAction,
  target: string,
  result: ActionResult<T>,
): Promise<ActionResult<T>> {
  await auditResult(user, { action, target }, result);
  return result;
}

export async function addAgent(input: unknown): Promise<ActionResult<RegisteredAgent>> {
  const parsed = addAgentSchema.safeParse(fields(input));
  if (!parsed.success) return invalid(parsed.error);
  const target = `${parsed.data.name} (${parsed.data.url})`;
  const allowed = await admin("agent.add", target);
  if (!allowed.ok) return allowed;
  return audited(allowed.user, "agent.add", target, await add(parsed.data));
}

async function add(agent: {
  name: string;
  url: string;
  token: string;
}): Promise<ActionResult<RegisteredAgent>> {
  const client = clientForUrl(agent.url, agent.token);
  const check = await checkAgent(agent, () => client.host());
  if (!check.ok) return failure(check);
  return save(() => createAgent(agent), agent);
}

/** An empty token keeps the stored one, unless the URL changes (the token would go to a new place). */
export async function updateAgent(input: unknown): Promise<ActionResult<RegisteredAgent>> {
  const parsed = updateAgentSchema.safeParse(fields(input));
  if (!parsed.success) return invalid(parsed.error);
  const target = `${parsed.data.name} (${parsed.data.url})${parsed.data.token ? ", new token" : ""}`;
  const allowed = await admin("agent.change", target);
  if (!allowed.ok) return allowed;
  return audited(allowed.user, "agent.change", target, await update(parsed.data));
}

async function update({ id, name, url, token }: UpdateAgentInput): Promise<ActionResult<RegisteredAgent>> {
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
  const allowed = await admin("agent.remove", `agent ${parsed.data}`);
  if (!allowed.ok) return allowed;
  const result = await remove(parsed.data);
  const target = result.ok ? `${result.data.name} (${result.data.url})` : `agent ${parsed.data}`;
  return audited(allowed.user, "agent.remove", target, result);
}

async function remove(id: string): Promise<ActionResult<RegisteredAgent>> {
  try {
    const removed = await deleteAgent(id);
    if (!removed) return { ok: false, error: unknownAgentMessage() };
    changed();
    return { ok: true, data: removed };
  } catch (error) {
    console.error(`agent registry: removing ${id} failed (${errorKind(error)})`);
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
  const allowed = await authorize("manage-agents");
  if (!allowed.ok) return allowed;
  const [agent, client] = await Promise.all([getAgent(parsed.data), clientForId(parsed.data)]);
  if (!agent || !client) return { ok: false, error: unknownAgentMessage() };
  try {
    const host = summarizeHost(await client.host());
    return { ok: true, data: { agent, host, nameMatches: host.name === agent.name } };
  } catch (error) {
    return { ok: false, error: describeAgentError(error, agent.url).error };
  }
}
