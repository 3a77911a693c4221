import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { createAccessControl } from "better-auth/plugins/access";
import { admin } from "better-auth/plugins/admin";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";
import { databaseUrl, providerOf } from "../../prisma/provider";
import { db } from "../db/client";
import { SESSION_COOKIE_PREFIX } from "./cookie";
import { authSecret } from "./secret";

/**
 * better-auth, set up for the dashboard: local accounts (email and password, scrypt-hashed), no
 * sign-up (admins create users), roles from its admin plugin. Its HTTP handler is not mounted:
 * every sign-in, sign-out and user change goes through this project's server actions, which check
 * the role, the lockout and write the audit log, so there is no second door around them.
 * Built on first use, not at import, so `next build` needs no secret.
 */

/** The dashboard's public address; https there makes the session cookie Secure. */
export function publicUrl(): string {
  return process.env.BETTER_AUTH_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

/**
 * The admin plugin's own view of the roles: only admins may use its user endpoints. What each role
 * may do in the dashboard is lib/auth/roles.ts; this only lets the plugin store our three names.
 */
const ac = createAccessControl(defaultStatements);
const pluginRoles = {
  admin: ac.newRole(adminAc.statements),
  operator: ac.newRole({ user: [], session: [] }),
  viewer: ac.newRole({ user: [], session: [] }),
};

function createAuth() {
  const baseURL = publicUrl();
  return betterAuth({
    appName: "Ballast",
    baseURL,
    secret: authSecret(),
    telemetry: { enabled: false },
    database: prismaAdapter(db, { provider: providerOf(databaseUrl()) }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    // The handler is not mounted; the lockout per account and address is lib/auth/sign-in-limit.ts.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: baseURL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [admin({ ac, roles: pluginRoles, defaultRole: "viewer", adminRoles: ["admin"] }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { ballastAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.ballastAuth ??= createAuth();
  return globalForAuth.ballastAuth;
}
