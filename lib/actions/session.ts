"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { recordAudit } from "../audit/record";
import { signInAttempts } from "../audit/sign-in-attempts";
import { getAuth } from "../auth/auth";
import { clientAddress, currentUser } from "../auth/session";
import { ACCOUNT_RULE, ADDRESS_RULE, lockedForSeconds, lockoutMessage } from "../auth/sign-in-limit";
import { safeNextPath, signInSchema } from "../validations/users";

/**
 * Signing in and out. Every attempt is audited (the lockout counts failures from the log); a locked
 * account or address is refused before the password is even checked. A wrong email and a wrong
 * password get the same answer, so the form does not tell which accounts exist.
 */

export interface SignInState {
  error?: string;
  email?: string;
}

const WRONG = "wrong email or password";

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  const typedEmail = String(form.get("email") ?? "").slice(0, 320);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? WRONG, email: typedEmail };
  const { email, password, next } = parsed.data;
  const address = await clientAddress();
  const entry = { action: "sign-in", actor: email, address } as const;

  const now = new Date();
  const since = new Date(now.getTime() - Math.max(ACCOUNT_RULE.windowMs, ADDRESS_RULE.windowMs));
  const attempts = await signInAttempts(email, address, since);
  const waitAccount = lockedForSeconds(attempts.account, ACCOUNT_RULE, now);
  const waitAddress = lockedForSeconds(attempts.address, ADDRESS_RULE, now);
  const wait = Math.max(waitAccount, waitAddress);
  if (wait > 0) {
    const detail = `locked out (${waitAccount > 0 ? "account" : "address"}) for ${wait} s`;
    await recordAudit({ ...entry, outcome: "refused", detail });
    return { error: lockoutMessage(wait), email };
  }

  try {
    const result = await getAuth().api.signInEmail({ body: { email, password }, headers: await headers() });
    await recordAudit({ ...entry, role: (result.user as { role?: string }).role, outcome: "ok" });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await recordAudit({ ...entry, outcome: "failed", detail: WRONG });
    return { error: WRONG, email };
  }
  redirect(safeNextPath(next));
}

export async function signOut(): Promise<void> {
  const user = await currentUser();
  const requestHeaders = await headers();
  await getAuth().api.signOut({ headers: requestHeaders });
  if (user)
    await recordAudit({
      action: "sign-out",
      actor: user.email,
      role: user.role,
      outcome: "ok",
      address: await clientAddress(),
    });
  redirect("/sign-in");
}
