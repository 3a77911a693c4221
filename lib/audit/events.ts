/**
 * What the audit log records: the actions that change something, and sign-ins. Shared by the
 * writers (server actions) and the audit page's filters.
 */

export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-out",
  "migration.start",
  "migration.cancel",
  "plan.apply",
  "plan.cancel",
  "maintenance.enter",
  "maintenance.leave",
  "agent.add",
  "agent.change",
  "agent.remove",
  "agent.test",
  "planner.settings",
  "planner.rule-add",
  "planner.rule-remove",
  "user.create",
  "user.role",
  "user.remove",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** ok: done; refused: not allowed (role, lockout, wrong password); failed: allowed but did not work. */
export const AUDIT_OUTCOMES = ["ok", "refused", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  actor: string;
  role?: string | null;
  action: AuditAction;
  target?: string;
  outcome: AuditOutcome;
  detail?: string;
  address?: string | null;
}
