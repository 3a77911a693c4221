import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { newNonce, signedRequestHeaders } from "../../lib/agent-auth/peer-signature";
import { hashToken, tokenDigest } from "../../lib/agent-auth/token-hash";
import { AgentHttpError, PeerNotVerifiedError } from "../../lib/agent-client/errors";
import { httpCall } from "../../lib/agent-client/http-call";
import { PeerClient } from "../../lib/agent-client/peer-client";
import { AgentAccess } from "../auth/access";
import { bearerCheck } from "./auth";
import { installErrorHandling } from "./errors";
import { installPeerAuth } from "./peer-auth";

/** The target's checks of signed peer requests, and the source's check of the signed answers. */

const TOKENS = { h1: "h1-token-0123456789", h2: "h2-token-0123456789", h3: "h3-token-0123456789" };
const key = (name: keyof typeof TOKENS) => tokenDigest(TOKENS[name]);
let app: FastifyInstance;
let url = "";

beforeAll(async () => {
  const access = new AgentAccess({
    tokens: [{ hash: hashToken(TOKENS.h2) }],
    peers: [
      { name: "h1", url: "http://127.0.0.1:1", hash: hashToken(TOKENS.h1) },
      { name: "h3", url: "http://127.0.0.1:3", hash: hashToken(TOKENS.h3) },
    ],
    allowMigrationsFrom: ["^h1$"],
  });
  app = Fastify();
  installErrorHandling(app);
  const authenticate = bearerCheck(access);
  app.addHook("onRequest", async (request) => authenticate(request));
  await app.register(async (peer) => {
    installPeerAuth(peer, access, "h2");
    peer.post("/v1/peer/echo", async (request) => ({ from: request.peerName, body: request.body }));
  });
  url = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(() => app?.close());

function client(options: Partial<ConstructorParameters<typeof PeerClient>[0]> = {}): PeerClient {
  return new PeerClient({
    url,
    targetName: "h2",
    targetKey: key("h2"),
    sourceName: "h1",
    signingKeys: () => [key("h1")],
    timeoutMs: 2000,
    ...options,
  });
}

/** A request signed by hand, to change one part of it. */
function send(headers: Record<string, string>, body = '{"x":1}') {
  return httpCall({
    method: "POST",
    url: `${url}/v1/peer/echo`,
    headers: { "content-type": "application/json", ...headers },
    body,
    timeoutMs: 2000,
  }).then((answer) => ({ status: answer.status, code: JSON.parse(answer.text).error?.code }));
}

function signed(overrides: Record<string, string> = {}, keys = [key("h1")], body = '{"x":1}') {
  const request = {
    method: "POST",
    path: "/v1/peer/echo",
    source: "h1",
    target: "h2",
    timestamp: String(Date.now()),
    nonce: newNonce(),
    body,
    ...overrides,
  };
  return signedRequestHeaders(keys, request);
}

async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable("expected a refusal"),
    (error: unknown) => error,
  );
}

describe("peer requests", () => {
  it("accept a request signed by a configured, allowed peer; the answer is verified", async () => {
    expect(await client().request("POST", "/v1/peer/echo", z.unknown(), { x: 1 })).toEqual({
      from: "h1",
      body: { x: 1 },
    });
  });

  it("refuse an unsigned request, with or without the bearer token", async () => {
    expect(await send({})).toEqual({ status: 401, code: "UNAUTHORIZED" });
    expect(await send({ authorization: `Bearer ${TOKENS.h2}` })).toEqual({
      status: 401,
      code: "PEER_SIGNATURE_MISSING",
    });
  });

  it("refuse a forged signature, a changed body, another target and a stale timestamp", async () => {
    expect(await send(signed({}, [key("h3")]))).toEqual({ status: 401, code: "BAD_PEER_SIGNATURE" });
    expect(await send(signed(), '{"x":2}')).toEqual({ status: 401, code: "BAD_PEER_SIGNATURE" });
    expect(await send(signed({ target: "h9" }))).toEqual({ status: 401, code: "WRONG_PEER_TARGET" });
    const old = String(Date.now() - 6 * 60_000);
    expect(await send(signed({ timestamp: old }))).toEqual({ status: 401, code: "STALE_PEER_REQUEST" });
  });

  it("refuse a replayed request", async () => {
    const headers = signed();
    expect((await send(headers)).status).toBe(200);
    expect(await send(headers)).toEqual({ status: 401, code: "REPLAYED_PEER_REQUEST" });
  });

  it("refuse a stranger (403) and a peer outside the allow-list (403)", async () => {
    expect(await send(signed({ source: "h9" }, [key("h1")]))).toEqual({ status: 403, code: "UNKNOWN_PEER" });
    const error = await failure(
      client({ sourceName: "h3", signingKeys: () => [key("h3")] }).raw("POST", "/v1/peer/echo", {}),
    );
    expect(error).toBeInstanceOf(AgentHttpError);
    expect((error as AgentHttpError).status).toBe(403);
    expect((error as AgentHttpError).code).toBe("NOT_ALLOWED_BY_TARGET");
  });

  it("the source refuses an answer its key for the target does not verify", async () => {
    const error = await failure(client({ targetKey: key("h3") }).raw("POST", "/v1/peer/echo", {}));
    expect(error).toBeInstanceOf(PeerNotVerifiedError);
    expect((error as Error).message).toContain("is not signed by h2");
    // Signed by the right key, the target's refusal of a wrong signature is believed.
    const refused = await failure(
      client({ signingKeys: () => [key("h3")] }).raw("POST", "/v1/peer/echo", {}),
    );
    expect((refused as AgentHttpError).code).toBe("BAD_PEER_SIGNATURE");
  });
});
