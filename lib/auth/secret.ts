import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * The secret that signs session cookies. BETTER_AUTH_SECRET when set; otherwise a random one that
 * `npm start` writes once to .data/auth-secret (readable by its owner only), so sessions survive a
 * restart and every dashboard process started from this folder signs and checks alike.
 */

export const AUTH_SECRET_FILE = ".data/auth-secret";

function secretPath(root: string): string {
  return resolve(root, AUTH_SECRET_FILE);
}

/** Creates the secret file when there is neither a variable nor a file (npm start does this). */
export function ensureAuthSecret(root: string): void {
  if (process.env.BETTER_AUTH_SECRET || existsSync(secretPath(root))) return;
  mkdirSync(dirname(secretPath(root)), { recursive: true });
  writeFileSync(secretPath(root), randomBytes(32).toString("base64url"), { mode: 0o600 });
}

export function authSecret(root: string = process.cwd()): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const path = secretPath(root);
  if (!existsSync(path))
    throw new Error(`no sign-in secret: set BETTER_AUTH_SECRET or run npm start once (it writes ${path})`);
  return readFileSync(path, "utf8").trim();
}
