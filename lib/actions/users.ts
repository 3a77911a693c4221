"use server";

import { APIError } from "better-auth/api";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { auditResult } from "../audit/record";
import { getAuth } from "../auth/auth";
import { authorize } from "../auth/authorize";
import { LAST_ADMIN_MESSAGE } from "../auth/last-admin";
import type { Role } from "../auth/roles";
import { changeUserKeepingAnAdmin, findUser, type UserChange, type UserRow } from "../auth/users";
import { createUserSchema, setRoleSchema, userIdSchema } from "../validations/users";
import { type ActionResult, invalid } from "./result";

/**
 * The users page: create a user with a role, change a role, remove a user. Admins only; the last
 * admin stays. better-auth's admin plugin creates users (it hashes the password), with the admin's
 * own session, so it checks the role a second time. Every change is audited.
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

const CHANGE_REFUSALS: Record<Exclude<UserChange, { ok: true }>["reason"], string> = {
  "no-such-user": NO_SUCH_USER,
  "last-admin": LAST_ADMIN_MESSAGE,
};

/**
 * A role change or a removal, by an admin, that keeps an admin (checked and written in one
 * transaction: lib/auth/users.ts). Audited either way, under the user's email.
 */
async function changeUser<T>(
  userId: string,
  newRole: Role | null,
  entry: { action: "user.role" | "user.remove"; detail?: string },
  data: (user: UserRow) => T,
): Promise<ActionResult<T>> {
  const before = await findUser(userId);
  const target = before?.email ?? `user ${userId}`;
  const allowed = await authorize("manage-users", { ...entry, target });
  if (!allowed.ok) return allowed;
  const change = await changeUserKeepingAnAdmin(userId, newRole);
  const result: ActionResult<T> = change.ok
    ? { ok: true, data: data(change.user) }
    : { ok: false, error: CHANGE_REFUSALS[change.reason] };
  const detail = change.ok && newRole ? `${change.user.role ?? "(none)"} to ${newRole}` : entry.detail;
  await auditResult(allowed.user, { ...entry, target, detail }, result);
  if (result.ok) revalidatePath("/users");
  return result;
}

export async function setUserRole(input: unknown): Promise<ActionResult<{ role: Role }>> {
  const parsed = setRoleSchema.safeParse(fields(input));
  if (!parsed.success) return invalid(parsed.error);
  const { userId, role } = parsed.data;
  return changeUser(userId, role, { action: "user.role", detail: `to ${role}` }, () => ({ role }));
}

export async function removeUserAccount(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = userIdSchema.safeParse((input as { userId?: unknown } | null)?.userId);
  if (!parsed.success) return invalid(parsed.error);
  return changeUser(parsed.data, null, { action: "user.remove" }, (user) => ({ email: user.email }));
}
