import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { hashToken } from "../lib/agent-auth/token-hash";
import { AgentAccess } from "./auth/access";
import { loadAgentConfig } from "./config";
import { reloadConfig } from "./config-reload";
import { createAgentLogger } from "./logger";

const folder = mkdtempSync(join(tmpdir(), "ballast-reload-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const path = join(folder, "agent.json");

function file(extra: Record<string, unknown>): void {
  const config = {
    name: "host1",
    listen: { port: 7070 },
    tokens: [{ hash: hashToken("first-token-0123456789") }],
    stateDir: "state",
    driver: { kind: "sim", host: { cpu: { model: "T4", mhz: 2850, cores: 8 }, memory: { totalMiB: 4096 } } },
    ...extra,
  };
  writeFileSync(path, JSON.stringify(config));
}

function logger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createAgentLogger({ name: "host1", log: { level: "info" } }, stream), lines };
}

describe("reloadConfig", () => {
  it("applies new tokens, peers and allow-list; names fields that wait for a restart", async () => {
    file({});
    const running = (await loadAgentConfig(path)).config;
    const access = new AgentAccess(running);
    file({
      tokens: [
        { hash: hashToken("first-token-0123456789"), notAfter: "2020-01-01T00:00:00Z" },
        { hash: hashToken("second-token-0123456789") },
      ],
      peers: [{ name: "h2", url: "http://10.0.0.2:7070", hash: hashToken("peer-token-0123456789") }],
      allowMigrationsFrom: ["^h2$"],
      migration: { linkMiBps: 10 },
    });
    const { log, lines } = logger();
    expect(await reloadConfig(path, running, access, log)).toBe(true);
    expect(() => access.checkBearer("Bearer second-token-0123456789")).not.toThrow();
    expect(() => access.checkBearer("Bearer first-token-0123456789")).toThrow(/token expired at 2020-01-01/);
    expect(access.peerNamed("h2")).toBeDefined();
    expect(access.allowsSource("h2", "::1")).toBe(true);
    const log1 = lines.join("");
    expect(log1).toContain("config reloaded");
    expect(log1).toContain('"fields":["migration"]');
    expect(log1).not.toMatch(/token-0123456789|sha256:/);
  });

  it("refuses a file that does not validate and keeps the running config", async () => {
    file({});
    const running = (await loadAgentConfig(path)).config;
    const access = new AgentAccess(running);
    file({ tokens: [{ hash: "sha256:nothex" }] });
    const { log, lines } = logger();
    expect(await reloadConfig(path, running, access, log)).toBe(false);
    expect(() => access.checkBearer("Bearer first-token-0123456789")).not.toThrow();
    expect(lines.join("")).toContain("config reload refused, the running config stays");
    expect(lines.join("")).toContain("tokens.0.hash");
    writeFileSync(path, "{ not json");
    expect(await reloadConfig(path, running, access, log)).toBe(false);
    expect(() => access.checkBearer("Bearer first-token-0123456789")).not.toThrow();
  });
});
