import "server-only";
import type { Attempt } from "../auth/sign-in-limit";
import { db } from "../db/client";

/**
 * Recent sign-in attempts, from the audit log, for the lockout: those naming the account (its
 * email, as typed, lower-cased) and those from the address. Refusals are left out: they are not
 * tries of a password.
 */
export async function signInAttempts(
  email: string,
  address: string | null,
  since: Date,
): Promise<{ account: Attempt[]; address: Attempt[] }> {
  const base = { action: "sign-in", outcome: { in: ["ok", "failed"] }, at: { gt: since } };
  const select = { at: true, outcome: true } as const;
  const [byAccount, byAddress] = await Promise.all([
    db.auditEvent.findMany({ where: { ...base, actor: email }, select }),
    address ? db.auditEvent.findMany({ where: { ...base, address }, select }) : [],
  ]);
  const attempts = (rows: { at: Date; outcome: string }[]) =>
    rows.map((row) => ({ at: row.at, ok: row.outcome === "ok" }));
  return { account: attempts(byAccount), address: attempts(byAddress) };
}
