import { describe, expect, it } from "vitest";
import { ConfigError, parseAgentConfig } from "./config";

function minimal(): Record<string, unknown> {
  return {
    name: "host1",
    listen: { port: 7070 },
    token: "0123456789abcdef",
    stateDir: "state/host1",
    driver: {
      kind: "sim",
      host: { cpu: { model: "SPARC-T4", mhz: 2850, cores: 8 }, memory: { totalMiB: 16384 } },
    },
  };
}

function errorOf(data: unknown): ConfigError {
  try {
    parseAgentConfig(data, "/etc/ballast/agent.json");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("parseAgentConfig", () => {
  it("parses a minimal sim config and fills in the defaults", () => {
    const config = parseAgentConfig(minimal(), "agent.json");
    expect(config).toMatchObject({
      name: "host1",
      listen: { host: "127.0.0.1", port: 7070 },
      url: "http://127.0.0.1:7070",
      peers: [],
      allowMigrationsFrom: [],
      stateDir: "state/host1",
      log: { level: "info" },
      migration: {
        defaultDowntimeLimitMs: 300,
        onNoConvergence: "stop-and-copy",
        peerTimeoutMs: 5000,
        historyLimit: 1000,
      },
      driver: { kind: "sim", timeScale: 1, wireScale: 1 / 64 },
    });
    // 1 GbE by default.
    expect(config.migration.linkMiBps).toBeCloseTo(1e9 / 8 / 1048576, 9);
    expect(config.driver.host).toMatchObject({
      hypervisor: { kind: "ldoms", version: "3.6" },
      subnet: null,
      cpu: {
        model: "SPARC-T4",
        mhz: 2850,
        cores: 8,
        threadsPerCore: 8,
        wholeCores: false,
        genericArch: true,
      },
      memory: { totalMiB: 16384, baseAddress: "0x8000000", reserved: [] },
      switches: [],
      volumes: {},
      console: { name: "primary-vcc0", firstPort: 5000, lastPort: 5127 },
      delayedReconfig: false,
      domains: [],
    });
  });

  it("keeps an explicit URL and builds one from listen otherwise", () => {
    expect(parseAgentConfig({ ...minimal(), url: "https://host1.example:8443" }, "a").url).toBe(
      "https://host1.example:8443",
    );
    expect(parseAgentConfig({ ...minimal(), listen: { host: "10.0.0.5", port: 80 } }, "a").url).toBe(
      "http://10.0.0.5:80",
    );
  });

  it("asks for a url when it listens on every address or a random port", () => {
    expect(() => parseAgentConfig({ ...minimal(), listen: { host: "0.0.0.0", port: 80 } }, "a")).toThrow(
      /url: required when listening on 0\.0\.0\.0:80/,
    );
    expect(() => parseAgentConfig({ ...minimal(), listen: { host: "127.0.0.1", port: 0 } }, "a")).toThrow(
      ConfigError,
    );
  });

  it("builds a valid default URL for an IPv6 listen address", () => {
    const { url } = parseAgentConfig({ ...minimal(), listen: { host: "::1", port: 7070 } }, "a");
    expect(() => new URL(url)).not.toThrow();
    expect(url).toBe("http://[::1]:7070");
  });

  it("accepts allow-lists of regular expressions as xend-relocation-hosts-allow has them", () => {
    const config = parseAgentConfig(
      { ...minimal(), allowMigrationsFrom: ["^host1\\.?.*$", "^localhost$"] },
      "a",
    );
    expect(config.allowMigrationsFrom).toEqual(["^host1\\.?.*$", "^localhost$"]);
  });

  it("reports every mistake at once, each with its path", () => {
    const data = minimal();
    data.token = "short";
    data.allowMigrationsFrom = ["^ok$", "(["];
    data.listen = { port: -1 };
    data.driver = { kind: "sim", host: { cpu: { mhz: 2850, cores: 8 }, memory: { totalMiB: 16384 } } };
    const error = errorOf(data);
    expect(error.name).toBe("ConfigError");
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("invalid config /etc/ballast/agent.json:");
    expect(lines).toHaveLength(5);
    expect(error.message).toContain("  token: token must be at least 16 characters");
    expect(error.message).toContain("  allowMigrationsFrom.1: not a valid regular expression");
    expect(error.message).toMatch(/ {2}listen\.port: .*>=0/);
    expect(error.message).toMatch(/ {2}driver\.host\.cpu\.model: /);
  });

  it("refuses unknown keys, unknown drivers and bad peers", () => {
    const message = errorOf({
      ...minimal(),
      tokne: "typo",
      peers: [{ url: "ftp://host2", token: "0123456789abcdef" }],
      driver: { kind: "xen" },
    }).message;
    expect(message).toMatch(/\(top level\): .*tokne/);
    expect(message).toMatch(/peers\.0\.url: /);
    expect(message).toMatch(/driver\.kind: /);
  });

  it("checks the simulated host: block sizes, console ports, names", () => {
    const data = minimal();
    data.driver = {
      kind: "sim",
      host: {
        cpu: { model: "T4", mhz: 2850, cores: 8 },
        memory: { totalMiB: 16384 },
        console: { name: "vcc0", firstPort: 5100, lastPort: 5000 },
        domains: [{ name: "ldg1", vcpus: 2, memoryMiB: 2048, memoryBlocksMiB: [1024, 512] }],
      },
    };
    data.name = "-bad name";
    const message = errorOf(data).message;
    expect(message).toContain("  name: a host name of letters, digits, '.', '_' or '-'");
    expect(message).toContain("driver.host.console: lastPort must not be below firstPort");
    expect(message).toContain(
      "driver.host.domains.0.memoryBlocksMiB: memoryBlocksMiB must add up to memoryMiB",
    );
  });

  it("says so when the file is not an object at all", () => {
    expect(errorOf("nope").message).toMatch(/\(top level\): /);
    expect(errorOf(null).message).toMatch(/\(top level\): /);
  });
});
