import { z } from "zod";
import { hashToken, tokenHashSchema } from "../../lib/agent-auth/token-hash";

/**
 * The parts of the agent's config that say who may talk to it and whom it talks to: its token
 * hashes, its peers and its TLS files. Tokens and peers (and the allow-list) can change while the
 * agent runs (SIGHUP, config-reload.ts); TLS needs a restart.
 */

export const hostNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "a host name of letters, digits, '.', '_' or '-'");

/** One accepted token, by its hash; `notAfter` ends it (the old token of a rotation). */
export const tokenEntrySchema = z.strictObject({
  hash: tokenHashSchema,
  notAfter: z.iso.datetime({ offset: true, message: "an ISO-8601 date and time" }).optional(),
});
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

/**
 * A peer agent: its name (how it signs and is allowed), where it listens, and the hash of its token
 * (its signing key). A plain `token` is still read, hashed at load, for older files.
 */
export const peerEntrySchema = z.strictObject({
  name: hostNameSchema,
  url: z.url({ protocol: /^https?$/ }),
  hash: tokenHashSchema.optional(),
  token: z.string().min(16, "token must be at least 16 characters").optional(),
});
export type PeerEntry = { name: string; url: string; hash: string };

/** Files for HTTPS; relative paths are relative to the config file. */
export const tlsSchema = z
  .strictObject({
    cert: z.string().min(1),
    key: z.string().min(1),
    /** The CA that signed the peers' certificates (and clients' ones, with requireClientCert). */
    ca: z.string().min(1).optional(),
    /** Refuse clients without a certificate signed by `ca` (the dashboard and the peers then need one). */
    requireClientCert: z.boolean().default(false),
  })
  .refine((tls) => !tls.requireClientCert || tls.ca, {
    message: "requireClientCert needs ca: the CA that signs the clients' certificates",
  });
export type TlsConfig = z.infer<typeof tlsSchema>;

/** What the file may say about its own token and its peers, before normalizing. */
interface AccessInput {
  token?: string;
  tokens: TokenEntry[];
  peers: z.infer<typeof peerEntrySchema>[];
}

/**
 * Plain tokens become hashes (each with a warning to replace it), so the running agent holds hashes
 * only; and the mistakes the schema cannot see on one field alone.
 */
export function normalizeAccess(input: AccessInput): {
  tokens: TokenEntry[];
  peers: PeerEntry[];
  warnings: string[];
  problems: string[];
} {
  const warnings: string[] = [];
  const problems: string[] = [];
  const tokens = [...input.tokens];
  if (input.token !== undefined) {
    tokens.push({ hash: hashToken(input.token) });
    warnings.push(
      'the config holds a plain "token": replace it by its hash in "tokens" (npm run agent:token -- --stdin prints it)',
    );
  }
  if (tokens.length === 0) problems.push("tokens: at least one token hash is required (npm run agent:token)");
  const peers = input.peers.map(({ name, url, hash, token }, index) => {
    if ((hash === undefined) === (token === undefined))
      problems.push(`peers.${index}: give its token's "hash" (or, deprecated, its "token"), one of them`);
    if (token !== undefined)
      warnings.push(`peers.${index} (${name}) holds a plain "token": replace it by its "hash"`);
    return { name, url, hash: hash ?? hashToken(token ?? "") };
  });
  const names = peers.map((peer) => peer.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) problems.push(`peers.${index}.name: ${name} is listed twice`);
  });
  return { tokens, peers, warnings, problems };
}
