import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashToken } from "../../lib/agent-auth/token-hash";
import { ConfigError, loadAgentConfig, readAgentConfig } from "../config";

/** The config's tokens, peers and TLS files: hashes only once loaded, and every mistake named. */

const HASH = hashToken("the-token-0123456789");
const PEER_HASH = hashToken("peer-token-0123456789");

function base(): Record<string, unknown> {
  return {
    name: "host1",
    listen: { port: 7070 },
    tokens: [{ hash: HASH }],
    stateDir: "state",
    driver: { kind: "sim", host: { cpu: { model: "T4", mhz: 2850, cores: 8 }, memory: { totalMiB: 4096 } } },
  };
}

function problems(data: Record<string, unknown>): string {
  try {
    readAgentConfig(data, "agent.json");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("tokens and peers in the config", () => {
  it("takes token hashes with an optional notAfter, and peers by name, URL and hash", () => {
    const { config, warnings } = readAgentConfig(
      {
        ...base(),
        tokens: [{ hash: HASH, notAfter: "2026-06-01T00:00:00Z" }, { hash: PEER_HASH }],
        peers: [{ name: "host2", url: "http://10.0.0.2:7070", hash: PEER_HASH }],
      },
      "agent.json",
    );
    expect(config.tokens).toEqual([{ hash: HASH, notAfter: "2026-06-01T00:00:00Z" }, { hash: PEER_HASH }]);
    expect(config.peers).toEqual([{ name: "host2", url: "http://10.0.0.2:7070", hash: PEER_HASH }]);
    expect(warnings).toEqual([]);
  });

  it("still reads plain tokens, keeps only their hashes and warns without showing them", () => {
    const { tokens: _, ...data } = base();
    const { config, warnings } = readAgentConfig(
      {
        ...data,
        token: "the-token-0123456789",
        peers: [{ name: "host2", url: "http://10.0.0.2:7070", token: "peer-token-0123456789" }],
      },
      "agent.json",
    );
    expect(config.tokens).toEqual([{ hash: HASH }]);
    expect(config.peers).toEqual([{ name: "host2", url: "http://10.0.0.2:7070", hash: PEER_HASH }]);
    expect(JSON.stringify(config)).not.toContain("token-0123456789");
    expect(warnings).toHaveLength(2);
    expect(warnings.join()).toContain('replace it by its hash in "tokens"');
    expect(warnings.join()).not.toContain("token-0123456789");
  });

  it("names each mistake: no token at all, a bad hash, a bad date, a peer without name or hash, twice", () => {
    const { tokens: _, ...data } = base();
    expect(problems(data)).toContain("tokens: at least one token hash is required");
    expect(problems({ ...data, tokens: [] })).toContain("tokens: at least one token hash is required");
    const message = problems({
      ...base(),
      tokens: [{ hash: "md5:abc" }, { hash: HASH, notAfter: "tomorrow" }],
      peers: [{ url: "http://h2:1", hash: PEER_HASH }],
    });
    expect(message).toContain('tokens.0.hash: a token hash "sha256:"');
    expect(message).toContain("tokens.1.notAfter: an ISO-8601 date and time");
    expect(message).toMatch(/peers\.0\.name: /);
    const twice = problems({
      ...base(),
      peers: [
        { name: "h2", url: "http://h2:1", hash: PEER_HASH },
        { name: "h2", url: "http://h2:2" },
      ],
    });
    expect(twice).toContain("peers.1.name: h2 is listed twice");
    expect(twice).toContain('peers.1: give its token\'s "hash"');
  });
});

describe("tls in the config", () => {
  const folder = mkdtempSync(join(tmpdir(), "ballast-config-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("serves https by default, with its files relative to the config file", async () => {
    const path = join(folder, "agent.json");
    writeFileSync(
      path,
      JSON.stringify({ ...base(), tls: { cert: "tls/agent.pem", key: "tls/agent.key", ca: "/etc/ca.pem" } }),
    );
    const { config } = await loadAgentConfig(path);
    expect(config.url).toBe("https://127.0.0.1:7070");
    expect(config.tls).toEqual({
      cert: join(folder, "tls/agent.pem"),
      key: join(folder, "tls/agent.key"),
      ca: "/etc/ca.pem",
      requireClientCert: false,
    });
  });

  it("refuses an http url with tls, and client certificates without a CA to check them", () => {
    const message = problems({
      ...base(),
      url: "http://host1:7070",
      tls: { cert: "c", key: "k", requireClientCert: true },
    });
    expect(message).toContain("tls: requireClientCert needs ca");
    expect(problems({ ...base(), url: "http://host1:7070", tls: { cert: "c", key: "k" } })).toContain(
      "url: must be https:// when tls is set",
    );
  });
});
