import "server-only";
import { databaseUrl, providerOf } from "../../prisma/provider";
import { db } from "../db/client";
import { leavesNoAdmin } from "./last-admin";
import type { Role } from "./roles";

/**
 * The users page's reads, and the role changes and removals that must keep an admin. Creating a
 * user goes through better-auth (lib/actions/users.ts), which hashes the password.
 */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string | null;
  createdAt: Date;
}

const USER_ROW = { id: true, email: true, name: true, role: true, createdAt: true } as const;

export async function listUsers(): Promise<UserRow[]> {
  return db.user.findMany({
    select: USER_ROW,
    orderBy: { email: "asc" },
  });
}

export async function findUser(id: string): Promise<UserRow | null> {
  return db.user.findUnique({ where: { id }, select: USER_ROW });
}

export async function userCount(): Promise<number> {
  return db.user.count();
}

export type UserChange = { ok: true; user: UserRow } | { ok: false; reason: "no-such-user" | "last-admin" };

/**
 * Gives the user `newRole`, or removes them (null; their sessions and accounts go with them), unless
 * that leaves no admin. The check and the write are one transaction in which the admins' rows are
 * locked, so two admins demoting each other at the same moment cannot both succeed.
 */
export async function changeUserKeepingAnAdmin(userId: string, newRole: Role | null): Promise<UserChange> {
  return db.$transaction(async (tx): Promise<UserChange> => {
    const admins = await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: USER_ROW });
    if (!user) return { ok: false, reason: "no-such-user" };
    if (leavesNoAdmin(user, newRole, admins)) return { ok: false, reason: "last-admin" };
    if (newRole === null) await tx.user.delete({ where: { id: userId } });
    else await tx.user.update({ where: { id: userId }, data: { role: newRole } });
    return { ok: true, user };
  });
}

type Transaction = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * How many admins there are, their rows locked until the transaction ends. On PostgreSQL a second
 * change waits at this SELECT ... FOR UPDATE until the first commits, then counts what it left (a
 * serializable transaction would be aborted instead, and the pg adapter does not give its
 * connection back then). SQLite runs one writing transaction at a time anyway.
 */
async function lockAdmins(tx: Transaction): Promise<number> {
  if (providerOf(databaseUrl()) === "postgresql") {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "user" WHERE role = 'admin' FOR UPDATE`;
    return rows.length;
  }
  return tx.user.count({ where: { role: "admin" } });
}
