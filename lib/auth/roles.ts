/**
 * Who may do what: the one permission table. Pages ask it to hide controls, and every server
 * action and route handler asks it again before doing anything (lib/auth/authorize.ts), so a
 * request made by hand gets no further than the page would have let it.
 */

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Read every page and live view (hosts, domains, migrations, suggestions). */
  "view",
  /** Dry-run and start migrations. */
  "migrate",
  "cancel-migration",
  /** Apply suggested plans and cancel them. */
  "apply-plan",
  /** Put hosts into maintenance mode and take them out. */
  "maintenance",
  /** The agent registry: add, change, remove, test. */
  "manage-agents",
  /** The planner's settings and placement rules (the Settings page). */
  "manage-settings",
  "manage-users",
  "read-audit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OPERATOR: readonly Permission[] = ["view", "migrate", "cancel-migration", "apply-plan", "maintenance"];

const TABLE: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(["view"]),
  operator: new Set(OPERATOR),
  admin: new Set(PERMISSIONS),
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Unknown or missing roles (a row edited by hand, say) may do nothing at all. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  return isRole(role) && TABLE[role].has(permission);
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "sees everything, changes nothing",
  operator: "migrates, cancels, applies plans, sets maintenance mode",
  admin: "also manages agents, settings and users, and reads the audit log",
};
