import { describe, expect, it } from "vitest";
import { hashToken, tokenDigest } from "../../lib/agent-auth/token-hash";
import { ApiError } from "../api-error";
import { AgentAccess } from "./access";

const OLD = "old-token-0123456789";
const NEW = "new-token-0123456789";
const now = new Date("2026-06-01T12:00:00Z");

function refusal(access: AgentAccess, header: string | undefined): ApiError {
  try {
    access.checkBearer(header, now);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected a refusal");
}

const access = () =>
  new AgentAccess({
    tokens: [{ hash: hashToken(OLD), notAfter: "2026-06-01T11:00:00Z" }, { hash: hashToken(NEW) }],
    peers: [{ name: "h2", url: "http://10.0.0.2:7101/", hash: hashToken("h2-token-0123456789") }],
    allowMigrationsFrom: ["^h[1-3]$", "^10\\.9\\."],
  });

describe("AgentAccess", () => {
  it("accepts a listed token and refuses a wrong or missing one without echoing it", () => {
    expect(() => access().checkBearer(`Bearer ${NEW}`, now)).not.toThrow();
    const wrong = refusal(access(), "Bearer guess-guess-guess");
    expect([wrong.status, wrong.code, wrong.message]).toEqual([401, "UNAUTHORIZED", "wrong bearer token"]);
    expect(refusal(access(), undefined).message).toContain("missing bearer token");
    expect(refusal(access(), `Basic ${NEW}`).code).toBe("UNAUTHORIZED");
  });

  it("refuses a token past its notAfter, saying when it expired", () => {
    const expired = refusal(access(), `Bearer ${OLD}`);
    expect(expired.status).toBe(401);
    expect(expired.code).toBe("TOKEN_EXPIRED");
    expect(expired.message).toBe(
      "token expired at 2026-06-01T11:00:00.000Z, rotated: use this agent's new token",
    );
    expect(expired.message).not.toContain(OLD);
    expect(() => access().checkBearer(`Bearer ${OLD}`, new Date("2026-06-01T10:59:59Z"))).not.toThrow();
  });

  it("signs with the tokens not yet expired", () => {
    expect(access().signingKeys(now)).toEqual([tokenDigest(NEW)]);
    expect(access().signingKeys(new Date("2026-06-01T10:00:00Z"))).toEqual([
      tokenDigest(OLD),
      tokenDigest(NEW),
    ]);
  });

  it("finds peers by name and by URL, and takes a new config whole", () => {
    const live = access();
    expect(live.peerNamed("h2")?.key).toEqual(tokenDigest("h2-token-0123456789"));
    expect(live.peerAt("http://10.0.0.2:7101")?.name).toBe("h2");
    live.apply({ tokens: [{ hash: hashToken(OLD) }], peers: [], allowMigrationsFrom: [] });
    expect(live.peerNamed("h2")).toBeUndefined();
    expect(() => live.checkBearer(`Bearer ${OLD}`, now)).not.toThrow();
    expect(refusal(live, `Bearer ${NEW}`).code).toBe("UNAUTHORIZED");
    expect(live.allowsSource("h1", "127.0.0.1")).toBe(false);
  });

  it("allows a source by name or address", () => {
    expect(access().allowsSource("h2", "127.0.0.1")).toBe(true);
    expect(access().allowsSource("h7", "10.9.0.4")).toBe(true);
    expect(access().allowsSource("h7", "127.0.0.1")).toBe(false);
  });
});
