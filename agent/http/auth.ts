import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { SOURCE_HEADER } from "../../lib/agent-client/peer-client";
import { ApiError } from "../api-error";

/** Bearer-token authentication on every route, and the allow-list of migration sources on peer routes. */

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

export function bearerCheck(token: string): (request: FastifyRequest) => void {
  const expected = digest(token);
  return (request) => {
    const header = request.headers.authorization ?? "";
    const match = /^Bearer (.+)$/i.exec(header);
    // Compared as digests in constant time, so neither length nor content leaks through timing.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw new ApiError(
        401,
        "UNAUTHORIZED",
        match ? "wrong bearer token" : "missing bearer token (Authorization: Bearer <token>)",
      );
    }
  };
}

/**
 * Xen's `xend-relocation-hosts-allow`: a source is accepted when one of the regular expressions
 * matches its host name or its address. An empty list accepts nobody.
 */
export function allowListCheck(hostName: string, patterns: string[]): (request: FastifyRequest) => void {
  const regexes = patterns.map((pattern) => new RegExp(pattern));
  return (request) => {
    const claimed = request.headers[SOURCE_HEADER];
    const name = typeof claimed === "string" ? claimed : "";
    const address = request.ip;
    if (regexes.some((regex) => (name !== "" && regex.test(name)) || regex.test(address))) return;
    throw new ApiError(
      403,
      "NOT_ALLOWED_BY_TARGET",
      `${hostName} does not accept migrations from ${name || "an unnamed host"} (${address}): not in its allow-list of migration sources`,
    );
  };
}
