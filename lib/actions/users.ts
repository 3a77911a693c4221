"use server";

import { APIError } from "better-auth/api";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { auditResult } from "../audit/record";
import { getAuth } from "../auth/auth";
import { authorize } from "../auth/authorize";
import { LAST_ADMIN_MESSAGE, leavesNoAdmin } from "../auth/last-admin";
import type { Role } from "../auth/roles";
import type { SignedInUser } from "../auth/session";
import { adminCount, findUser, type UserRow } from "../auth/users";
import { createUserSchema, setRoleSchema, userIdSchema } from "../validations/users";
import { type ActionResult, invalid } from "./result";

/**
 * The users page: create a user with a role, change a role, remove a user. Admins only; the last
 * admin stays. better-auth's admin plugin does the writes (and hashes the password), with the
 * admin's own session, so it checks the role a second time. Every change is audited.
 */

const NO_SUCH_USER = "no such user: removed meanwhile?";

function fields(input: unknown): unknown {
  return input instanceof FormData ? Object.fromEntries(input) : input;
}

/** better-auth's refusals in words; anything else is not ours to explain. */
function authFailure(error: unknown, fallback: string): Extract<ActionResult<never>, { ok: false }> {
  if (!(error instanceof APIError)) throw error;
  const message = error.body?.message ?? error.message;
  if (/already exists/i.test(message))
    return {
      ok: false,
      error: "a user with this email exists",
      fields: { email: "a user with this email exists" },
    };
  return { ok: false, error: `${fallback}: ${message}` };
}

export async function createUserAccount(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = createUserSchema.safeParse(fields(input));
  if (!parsed.success) return invalid(parsed.error);
  const { email, role } = parsed.data;
  const entry = { action: "user.create", target: email, detail: `role ${role}` } as const;
  const allowed = await authorize("manage-users", entry);
  if (!allowed.ok) return allowed;
  let result: ActionResult<{ email: string }>;
  try {
    await getAuth().api.createUser({ body: parsed.data, headers: await headers() });
    result = { ok: true, data: { email } };
  } catch (error) {
    result = authFailure(error, "could not create the user");
  }
  await auditResult(allowed.user, entry, result);
  if (result.ok) revalidatePath("/users");
  return result;
}

/** The user to change and the caller, once the caller is an admin and the change keeps an admin. */
async function checkChange(
  userId: string,
  newRole: Role | null,
  entry: { action: "user.role" | "user.remove"; detail?: string },
): Promise<{ ok: true; admin: SignedInUser; user: UserRow } | Extract<ActionResult<never>, { ok: false }>> {
  const user = await findUser(userId);
  const target = user?.email ?? `user ${userId}`;
  const allowed = await authorize("manage-users", { ...entry, target });
  if (!allowed.ok) return allowed;
  const refusal = !user
    ? NO_SUCH_USER
    : leavesNoAdmin(user, newRole, await adminCount())
      ? LAST_ADMIN_MESSAGE
      : undefined;
  if (!refusal && user) return { ok: true, admin: allowed.user, user };
  const result = { ok: false as const, error: refusal ?? NO_SUCH_USER };
  await auditResult(allowed.user, { ...entry, target }, result);
  return result;
}

export async function setUserRole(input: unknown): Promise<ActionResult<{ role: Role }>> {
  const parsed = setRoleSchema.safeParse(fields(input));
  if (!parsed.success) return invalid(parsed.error);
  const { userId, role } = parsed.data;
  const entry = { action: "user.role", detail: `to ${role}` } as const;
  const checked = await checkChange(userId, role, entry);
  if (!checked.ok) return checked;
  let result: ActionResult<{ role: Role }>;
  try {
    await getAuth().api.setRole({ body: { userId, role }, headers: await headers() });
    result = { ok: true, data: { role } };
  } catch (error) {
    result = authFailure(error, "could not change the role");
  }
  const detail = `${checked.user.role ?? "(none)"} to ${role}`;
  await auditResult(checked.admin, { ...entry, target: checked.user.email, detail }, result);
  if (result.ok) revalidatePath("/users");
  return result;
}

export async function removeUserAccount(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = userIdSchema.safeParse((input as { userId?: unknown } | null)?.userId);
  if (!parsed.success) return invalid(parsed.error);
  const checked = await checkChange(parsed.data, null, { action: "user.remove" });
  if (!checked.ok) return checked;
  let result: ActionResult<{ email: string }>;
  try {
    await getAuth().api.removeUser({ body: { userId: parsed.data }, headers: await headers() });
    result = { ok: true, data: { email: checked.user.email } };
  } catch (error) {
    result = authFailure(error, "could not remove the user");
  }
  await auditResult(checked.admin, { action: "user.remove", target: checked.user.email }, result);
  if (result.ok) revalidatePath("/users");
  return result;
}
