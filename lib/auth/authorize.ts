import "server-only";
import type { ActionResult } from "../actions/result";
import type { AuditAction } from "../audit/events";
import { recordAudit } from "../audit/record";
import { can, type Permission } from "./roles";
import { clientAddress, currentUser, type SignedInUser } from "./session";

/**
 * The check at the top of every server action and route handler: a signed-in user whose role
 * allows the permission (lib/auth/roles.ts). A refusal changes nothing; for an action that would
 * have changed something it is written to the audit log, so hand-made calls show up there.
 */

export type Refusal = Extract<ActionResult<never>, { ok: false }>;

export const SIGN_IN_FIRST: Refusal = {
  ok: false,
  code: "UNAUTHENTICATED",
  error: "sign in first: your session has ended",
};

function forbidden(user: SignedInUser, permission: Permission): Refusal {
  return {
    ok: false,
    code: "FORBIDDEN",
    error: `not allowed: the ${user.role ?? "(no)"} role may not ${permission.replace("-", " ")}`,
  };
}

/** For server actions. `audited` names the action to log a refusal under (reads pass none). */
export async function authorize(
  permission: Permission,
  audited?: { action: AuditAction; target?: string },
): Promise<{ ok: true; user: SignedInUser } | Refusal> {
  const user = await currentUser();
  if (!user) {
    if (audited)
      await recordAudit({ ...audited, actor: "(signed out)", outcome: "refused", detail: "no session" });
    return SIGN_IN_FIRST;
  }
  if (can(user.role, permission)) return { ok: true, user };
  if (audited)
    await recordAudit({
      ...audited,
      actor: user.email,
      role: user.role,
      outcome: "refused",
      detail: `role ${user.role ?? "(none)"} lacks ${permission}`,
      address: await clientAddress(),
    });
  return forbidden(user, permission);
}

/** For route handlers: null when allowed, else the 401 or 403 answer to return. */
export async function guardRoute(permission: Permission): Promise<Response | null> {
  const user = await currentUser();
  if (!user)
    return Response.json({ error: { code: "UNAUTHENTICATED", message: "sign in first" } }, { status: 401 });
  if (can(user.role, permission)) return null;
  return Response.json(
    { error: { code: "FORBIDDEN", message: forbidden(user, permission).error } },
    { status: 403 },
  );
}
