import "server-only";
import { db } from "../db/client";

/** The users page's reads; changes go through better-auth (lib/actions/users.ts). */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string | null;
  createdAt: Date;
}

export async function listUsers(): Promise<UserRow[]> {
  return db.user.findMany({
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: { email: "asc" },
  });
}

export async function findUser(id: string): Promise<UserRow | null> {
  return db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}

export async function adminCount(): Promise<number> {
  return db.user.count({ where: { role: "admin" } });
}

export async function userCount(): Promise<number> {
  return db.user.count();
}
