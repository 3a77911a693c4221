import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * Agent tokens and what an agent keeps of them. Tokens are random (32 bytes), so a plain SHA-256
 * is the right hash: nothing to stretch against guessing. The digest is also the agent's key for
 * signing its peer traffic (peer-signature.ts), so peers hold only hashes too.
 */

const PREFIX = "sha256:";

export const tokenHashSchema = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'a token hash "sha256:" and 64 lowercase hex digits (npm run agent:token)');

/** A fresh high-entropy token: 32 random bytes, base64url. */
export function mintToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenDigest(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

/** The `sha256:<hex>` line a config file holds for a token. */
export function hashToken(token: string): string {
  return `${PREFIX}${tokenDigest(token).toString("hex")}`;
}

/** The 32 bytes behind a `sha256:<hex>` hash (already validated by tokenHashSchema). */
export function hashDigest(hash: string): Buffer {
  return Buffer.from(hash.slice(PREFIX.length), "hex");
}
