import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * How two agents prove who they are to each other on the peer routes (`/v1/peer/...`).
 *
 * Each agent's key is the SHA-256 of its own token: what its config already holds as a token hash,
 * and what its peers hold for it in their `peers` entries. No plain token travels between agents.
 * - The source signs each request: HMAC-SHA256 over the method, path, both agents' names, a
 *   timestamp, a random nonce and the body's digest. The target looks the source up in its peers by
 *   name, checks the HMAC with that entry's hash, that the timestamp is within 5 minutes of its own
 *   clock and that it has not seen the nonce; then its allow-list.
 * - The target signs its answer (status and body's digest, bound to the request's nonce) with its own
 *   key; the source accepts only an answer its peers entry for that target verifies, so an answer
 *   from anyone else (or replayed from an earlier request) is refused.
 * During a rotation an agent has several valid token hashes and signs with each of them (a comma
 * separated list), so peers that still hold the old hash and those with the new one both verify.
 */

export const PEER_HEADERS = {
  source: "x-ballast-source",
  target: "x-ballast-target",
  timestamp: "x-ballast-timestamp",
  nonce: "x-ballast-nonce",
  signature: "x-ballast-signature",
} as const;

/** How far a request's timestamp may be from the target's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface SignedRequest {
  method: string;
  /** Path and query as sent (`/v1/peer/migrations/ID/finish`). */
  path: string;
  source: string;
  target: string;
  timestamp: string;
  nonce: string;
  body: string | Buffer;
}

export interface SignedAnswer {
  /** The agent that answers, and the one that asked. */
  responder: string;
  requester: string;
  /** The request's nonce: an answer cannot be replayed for another request. */
  nonce: string;
  status: number;
  body: string | Buffer;
}

const bodyDigest = (body: string | Buffer) => createHash("sha256").update(body).digest("hex");

export function requestText(request: SignedRequest): string {
  return [
    "ballast-peer-request-v1",
    request.method.toUpperCase(),
    request.path,
    request.source,
    request.target,
    request.timestamp,
    request.nonce,
    bodyDigest(request.body),
  ].join("\n");
}

export function answerText(answer: SignedAnswer): string {
  return [
    "ballast-peer-answer-v1",
    answer.responder,
    answer.requester,
    answer.nonce,
    String(answer.status),
    bodyDigest(answer.body),
  ].join("\n");
}

/** The headers that carry a signed request (its body travels as the request's body). */
export function signedRequestHeaders(keys: Buffer[], request: SignedRequest): Record<string, string> {
  return {
    [PEER_HEADERS.source]: request.source,
    [PEER_HEADERS.target]: request.target,
    [PEER_HEADERS.timestamp]: request.timestamp,
    [PEER_HEADERS.nonce]: request.nonce,
    [PEER_HEADERS.signature]: sign(keys, requestText(request)),
  };
}

export function newNonce(): string {
  return randomBytes(16).toString("hex");
}

/** One HMAC per key, comma separated (several keys while a token is being rotated). */
export function sign(keys: Buffer[], text: string): string {
  return keys.map((key) => createHmac("sha256", key).update(text).digest("hex")).join(",");
}

/** Whether one of the header's signatures is the key's HMAC of the text; compared in constant time. */
export function verify(key: Buffer, text: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = createHmac("sha256", key).update(text).digest();
  let matched = false;
  for (const part of header.split(",").slice(0, 8)) {
    const given = Buffer.from(part.trim(), "hex");
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}
