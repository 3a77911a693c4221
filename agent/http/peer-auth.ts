import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  answerText,
  MAX_CLOCK_SKEW_MS,
  PEER_HEADERS,
  requestText,
  sign,
  verify,
} from "../../lib/agent-auth/peer-signature";
import { ApiError } from "../api-error";
import type { AgentAccess } from "../auth/access";
import { ReplayGuard } from "../auth/replay-guard";

/**
 * The target's half of the peer protocol (lib/agent-auth/peer-signature.ts) for the routes of one
 * Fastify scope: each request must be signed by a configured peer, fresh, never seen before, and
 * from a source the allow-list accepts; each answer is signed with this agent's keys.
 */

declare module "fastify" {
  interface FastifyRequest {
    /** The body as received: the signature covers its bytes, not its parse. */
    rawBody?: string;
    /** The peer agent that signed the request, once verified. */
    peerName?: string;
  }
}

export function installPeerAuth(scope: FastifyInstance, access: AgentAccess, hostName: string): void {
  const replays = new ReplayGuard(2 * MAX_CLOCK_SKEW_MS);
  const parseJson = scope.getDefaultJsonParser("error", "error");
  scope.removeContentTypeParser("application/json");
  scope.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    request.rawBody = body as string;
    parseJson(request, body as string, done);
  });
  scope.addHook("preHandler", async (request) => {
    request.peerName = verifyPeerRequest(request, access, hostName, replays);
  });
  scope.addHook("onSend", async (request, reply, payload) => {
    if (payload !== null && payload !== undefined && typeof payload !== "string" && !Buffer.isBuffer(payload))
      return payload;
    const text = answerText({
      responder: hostName,
      requester: header(request, PEER_HEADERS.source) ?? "",
      nonce: header(request, PEER_HEADERS.nonce) ?? "",
      status: reply.statusCode,
      body: payload ?? "",
    });
    void reply.header(PEER_HEADERS.signature, sign(access.signingKeys(), text));
    return payload;
  });
}

/** The name of the peer that signed the request; throws the 401/403 that says what is wrong. */
function verifyPeerRequest(
  request: FastifyRequest,
  access: AgentAccess,
  hostName: string,
  replays: ReplayGuard,
): string {
  const [source, target, timestamp, nonce, signature] = [
    PEER_HEADERS.source,
    PEER_HEADERS.target,
    PEER_HEADERS.timestamp,
    PEER_HEADERS.nonce,
    PEER_HEADERS.signature,
  ].map((name) => header(request, name));
  if (!source || !target || !timestamp || !nonce || !signature || !/^[0-9a-f]{16,64}$/.test(nonce)) {
    throw new ApiError(
      401,
      "PEER_SIGNATURE_MISSING",
      `the peer routes take only requests signed by a peer agent (${Object.values(PEER_HEADERS).join(", ")})`,
    );
  }
  if (target !== hostName) {
    throw new ApiError(401, "WRONG_PEER_TARGET", `request signed for ${target}, but this is ${hostName}`);
  }
  const peer = access.peerNamed(source);
  if (!peer) {
    throw new ApiError(
      403,
      "UNKNOWN_PEER",
      `${hostName} has no peer named ${source}: its peers list (name, url, hash) must name it`,
    );
  }
  const skew = Math.abs(Date.now() - Number(timestamp));
  if (!(skew <= MAX_CLOCK_SKEW_MS)) {
    throw new ApiError(
      401,
      "STALE_PEER_REQUEST",
      `request timestamp is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes from ${hostName}'s clock: check both hosts' clocks`,
    );
  }
  const signed = { method: request.method, path: request.url, source, target, timestamp, nonce };
  if (!verify(peer.key, requestText({ ...signed, body: request.rawBody ?? "" }), signature)) {
    throw new ApiError(
      401,
      "BAD_PEER_SIGNATURE",
      `the request's signature does not match ${source}'s key (the hash in ${hostName}'s peers): a rotated or wrong hash, or not ${source}`,
    );
  }
  const offered = replays.offer(nonce);
  if (offered === "replayed") {
    throw new ApiError(401, "REPLAYED_PEER_REQUEST", `request from ${source} already received: a replay`);
  }
  if (offered === "full") throw new ApiError(503, "BUSY", "too many peer requests; try again shortly");
  if (!access.allowsSource(source, request.ip)) {
    throw new ApiError(
      403,
      "NOT_ALLOWED_BY_TARGET",
      `${hostName} does not accept migrations from ${source} (${request.ip}): not in its allow-list of migration sources`,
    );
  }
  return source;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && value.length <= 1024 ? value : undefined;
}
