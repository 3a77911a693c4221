import "server-only";
import { randomBytes } from "node:crypto";
import { getAuth } from "./auth";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import type { Role } from "./roles";
import { userCount } from "./users";

export interface CreatedAccount {
  email: string;
  role: Role;
  password: string;
}

/**
 * The first users of a database that has none: the demo accounts, or, given an admin's email, that
 * one admin with a random password. Returns what it created (the passwords, to print once); a
 * database that has users is left alone and gives [].
 */
export async function createFirstUsers(adminEmail?: string): Promise<CreatedAccount[]> {
  if ((await userCount()) > 0) return [];
  const accounts = adminEmail
    ? [{ email: adminEmail, name: "Administrator", role: "admin" as const, password: randomPassword() }]
    : DEMO_ACCOUNTS;
  const auth = getAuth();
  for (const account of accounts) await auth.api.createUser({ body: account });
  return accounts.map(({ email, role, password }) => ({ email, role, password }));
}

/** 18 random bytes: 24 characters of base64url, about 144 bits. */
function randomPassword(): string {
  return randomBytes(18).toString("base64url");
}
