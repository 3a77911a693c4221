import { timingSafeEqual } from "node:crypto";
import { hashDigest, tokenDigest } from "../../lib/agent-auth/token-hash";
import { ApiError } from "../api-error";
import type { AgentConfig } from "../config";
import { normalizeUrl } from "../url";
import type { PeerEntry } from "./access-config";

/**
 * Who may talk to this agent, as it runs now: its token hashes, its peers and its allow-list of
 * migration sources. One object the HTTP layer and the migrations read on every use, so a config
 * reloaded on SIGHUP (config-reload.ts) applies to the next request without a restart.
 */

interface AcceptedToken {
  digest: Buffer;
  notAfter: Date | undefined;
}

export interface Peer extends PeerEntry {
  /** Its signing key: the digest behind its token hash. */
  key: Buffer;
}

export class AgentAccess {
  private tokens: AcceptedToken[] = [];
  private peers: Peer[] = [];
  private allowList: RegExp[] = [];

  constructor(config: Pick<AgentConfig, "tokens" | "peers" | "allowMigrationsFrom">) {
    this.apply(config);
  }

  /** Takes the tokens, peers and allow-list of a (validated) config. */
  apply(config: Pick<AgentConfig, "tokens" | "peers" | "allowMigrationsFrom">): void {
    this.tokens = config.tokens.map((entry) => ({
      digest: hashDigest(entry.hash),
      notAfter: entry.notAfter === undefined ? undefined : new Date(entry.notAfter),
    }));
    this.peers = config.peers.map((peer) => ({ ...peer, key: hashDigest(peer.hash) }));
    this.allowList = config.allowMigrationsFrom.map((pattern) => new RegExp(pattern));
  }

  /** Accepts a bearer token or throws the 401 that says why (never echoing the token). */
  checkBearer(header: string | undefined, now = new Date()): void {
    const match = /^Bearer (.+)$/i.exec(header ?? "");
    if (!match?.[1]) {
      throw new ApiError(401, "UNAUTHORIZED", "missing bearer token (Authorization: Bearer <token>)");
    }
    const given = tokenDigest(match[1]);
    // Digests compared in constant time, every entry, so timing tells neither which nor how much matched.
    let found: AcceptedToken | undefined;
    for (const token of this.tokens) if (timingSafeEqual(given, token.digest)) found = token;
    if (!found) throw new ApiError(401, "UNAUTHORIZED", "wrong bearer token");
    if (found.notAfter && found.notAfter <= now) {
      throw new ApiError(
        401,
        "TOKEN_EXPIRED",
        `token expired at ${found.notAfter.toISOString()}, rotated: use this agent's new token`,
      );
    }
  }

  /** This agent's signing keys: the digests of its tokens not yet expired (two while rotating). */
  signingKeys(now = new Date()): Buffer[] {
    return this.tokens
      .filter((token) => !token.notAfter || token.notAfter > now)
      .map((token) => token.digest);
  }

  peerNamed(name: string): Peer | undefined {
    return this.peers.find((peer) => peer.name === name);
  }

  peerAt(url: string): Peer | undefined {
    const wanted = normalizeUrl(url);
    return this.peers.find((peer) => normalizeUrl(peer.url) === wanted);
  }

  /**
   * Xen's `xend-relocation-hosts-allow`: a source is accepted when one of the regular expressions
   * matches its (authenticated) name or its address. An empty list accepts nobody.
   */
  allowsSource(name: string, address: string): boolean {
    return this.allowList.some((regex) => regex.test(name) || regex.test(address));
  }

  describe(now = new Date()): { tokens: number; expired: number; peers: string[]; allowList: string[] } {
    return {
      tokens: this.tokens.length,
      expired: this.tokens.length - this.signingKeys(now).length,
      peers: this.peers.map((peer) => peer.name),
      allowList: this.allowList.map((regex) => regex.source),
    };
  }
}
