/**
 * Sign-in lockout, per account and per address: too many failed attempts within a window and the
 * next attempt is refused until the oldest of them leaves the window. The attempts come from the
 * audit log (lib/audit/sign-in-attempts.ts), so a restart forgets nothing and one record serves
 * both the admins and the limit. Refused attempts are not failures: waiting always ends a lock.
 */

export interface AttemptRule {
  /** Failed attempts allowed within the window; the next one is refused. */
  max: number;
  windowMs: number;
  /** A success clears the failures before it (per account: the owner got in; not per address). */
  clearedBySuccess: boolean;
}

/** Guessing one account's password: 5 tries in 5 minutes. */
export const ACCOUNT_RULE: AttemptRule = { max: 5, windowMs: 5 * 60_000, clearedBySuccess: true };
/** Trying many accounts from one place: 20 failures in 5 minutes, whoever signs in meanwhile. */
export const ADDRESS_RULE: AttemptRule = { max: 20, windowMs: 5 * 60_000, clearedBySuccess: false };

export interface Attempt {
  at: Date;
  ok: boolean;
}

/** Whole seconds until another attempt is allowed under the rule; 0 when it is allowed now. */
export function lockedForSeconds(attempts: readonly Attempt[], rule: AttemptRule, now: Date): number {
  const since = now.getTime() - rule.windowMs;
  const recent = attempts.filter((attempt) => attempt.at.getTime() > since).sort((a, b) => +a.at - +b.at);
  const lastSuccess = rule.clearedBySuccess ? recent.findLastIndex((attempt) => attempt.ok) : -1;
  const failures = recent.slice(lastSuccess + 1).filter((attempt) => !attempt.ok);
  if (failures.length < rule.max) return 0;
  // Allowed again once only max - 1 failures remain in the window.
  const freeing = failures[failures.length - rule.max] as Attempt;
  return Math.max(1, Math.ceil((freeing.at.getTime() + rule.windowMs - now.getTime()) / 1000));
}

export function lockoutMessage(seconds: number): string {
  return `too many attempts, try again in ${seconds} s`;
}
