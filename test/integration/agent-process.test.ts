import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AgentProcess } from "../../cluster/agent-process";
import { findFreePorts } from "../../cluster/free-ports";
import { agentConfigs } from "../../cluster/scenario";
import { domain, scenario } from "./harness";

/** The agent as an operating-system process: its config checked at start, its clean stop on SIGTERM. */

const folder = mkdtempSync(join(tmpdir(), "ballast-agent-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function runAgent(config: unknown): { status: number | null; stderr: string } {
  const path = join(folder, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof config === "string" ? config : JSON.stringify(config));
  const result = spawnSync(process.execPath, ["--import", "tsx", "agent/main.ts", "--config", path], {
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe("config file", () => {
  it("refuses to start on every mistake at once, naming each field", () => {
    const { status, stderr } = runAgent({
      name: "bad host!",
      listen: { port: -1 },
      token: "short",
      allowMigrationsFrom: ["(unclosed"],
      stateDir: "state",
      driver: { kind: "sim", host: { cpu: { mhz: 2848, cores: 8 }, memory: { totalMiB: 1024 } } },
    });
    expect(status).toBe(2);
    expect(stderr).toContain("invalid config");
    for (const field of [
      "name:",
      "listen.port:",
      "token:",
      "allowMigrationsFrom.0: not a valid regular expression",
      "driver.host.cpu.model:",
    ]) {
      expect(stderr).toContain(field);
    }
  });

  it("says so when the file is not JSON or missing", () => {
    expect(runAgent("{ nope").stderr).toContain("is not valid JSON");
    const missing = spawnSync(
      process.execPath,
      ["--import", "tsx", "agent/main.ts", "--config", join(folder, "none.json")],
      { encoding: "utf8" },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read config");
  });
});

describe("lifecycle", () => {
  it("answers /healthz and stops cleanly on SIGTERM, keeping its guests for the next start", async () => {
    const [setup] = agentConfigs(scenario([{ name: "solo", domains: [domain("keep1", 512)] }]), {
      stateRoot: folder,
      listenHost: "127.0.0.1",
      ports: [0],
    });
    if (!setup) throw new Error("no config");
    const { config, token } = setup;
    const [port = 0] = await findFreePorts("127.0.0.1", 0, 1);
    const agent = new AgentProcess(
      { ...config, listen: { ...config.listen, port }, url: `http://127.0.0.1:${port}` },
      token,
      folder,
    );
    await agent.start();
    expect(await agent.client().raw("GET", "/healthz")).toMatchObject({ status: "ok", name: "solo" });
    await agent.stop();
    expect(agent.exitCode).toBe(0);
    expect(agent.logTail(3)).toContain("stopped");

    await agent.start();
    expect((await agent.client().domains()).map((d) => d.name)).toEqual(["keep1"]);
    await agent.stop();
  });
});
