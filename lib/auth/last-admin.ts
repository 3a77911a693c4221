import type { Role } from "./roles";

/**
 * The dashboard always keeps an admin: nobody could manage users or agents otherwise, and only
 * editing the database by hand would bring one back. `newRole` null means the user is removed.
 */
export function leavesNoAdmin(
  user: { role: string | null },
  newRole: Role | null,
  adminCount: number,
): boolean {
  return user.role === "admin" && newRole !== "admin" && adminCount <= 1;
}

export const LAST_ADMIN_MESSAGE = "this is the last admin: make another user admin first";
