import { describe, expect, it } from "vitest";
import { answerText, requestText, sign, verify } from "./peer-signature";
import { hashDigest, hashToken, mintToken, tokenDigest } from "./token-hash";

const request = {
  method: "POST",
  path: "/v1/peer/migrations",
  source: "h1",
  target: "h2",
  timestamp: "1700000000000",
  nonce: "0123456789abcdef0123456789abcdef",
  body: '{"a":1}',
};

describe("token hashes", () => {
  it("mints long random tokens and keeps their SHA-256 as sha256:<hex>", () => {
    const token = mintToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mintToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashDigest(hashToken(token))).toEqual(tokenDigest(token));
  });
});

describe("peer signatures", () => {
  const key = tokenDigest("h1-token-0123456789");
  const other = tokenDigest("h3-token-0123456789");

  it("verifies what the key signed, and nothing changed on the way", () => {
    const signature = sign([key], requestText(request));
    expect(verify(key, requestText(request), signature)).toBe(true);
    for (const changed of [
      { body: '{"a":2}' },
      { path: "/v1/peer/migrations/x/finish" },
      { method: "GET" },
      { source: "h3" },
      { target: "h4" },
      { timestamp: "1700000000001" },
      { nonce: "f123456789abcdef0123456789abcdef" },
    ]) {
      expect(verify(key, requestText({ ...request, ...changed }), signature), JSON.stringify(changed)).toBe(
        false,
      );
    }
  });

  it("refuses another key's signature, a missing one and garbage", () => {
    const text = requestText(request);
    expect(verify(key, text, sign([other], text))).toBe(false);
    expect(verify(key, text, undefined)).toBe(false);
    expect(verify(key, text, "zz,not-hex")).toBe(false);
  });

  it("signs with every key while a token is rotated, and either verifies", () => {
    const text = requestText(request);
    const both = sign([other, key], text);
    expect(verify(key, text, both)).toBe(true);
    expect(verify(other, text, both)).toBe(true);
  });

  it("binds an answer to its request's nonce, its status and its body", () => {
    const answer = { responder: "h2", requester: "h1", nonce: request.nonce, status: 201, body: "{}" };
    const signature = sign([key], answerText(answer));
    expect(verify(key, answerText(answer), signature)).toBe(true);
    expect(verify(key, answerText({ ...answer, nonce: "00" }), signature)).toBe(false);
    expect(verify(key, answerText({ ...answer, status: 200 }), signature)).toBe(false);
    expect(verify(key, answerText({ ...answer, responder: "h3" }), signature)).toBe(false);
    // A request's signature is never an answer's.
    expect(verify(key, answerText(answer), sign([key], requestText(request)))).toBe(false);
  });
});
