import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type AgentConfig, parseAgentConfig } from "../agent/config";
import { hashToken, mintToken } from "../lib/agent-auth/token-hash";

/**
 * A demo cluster's scenario file: defaults shared by every host, then each host with its hardware
 * differences and its domains. It becomes one validated agent config per host.
 */

const hostEntrySchema = z
  .object({
    name: z.string().min(1),
    allowMigrationsFrom: z.array(z.string()).optional(),
    migration: z.record(z.string(), z.unknown()).optional(),
    domains: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .catchall(z.unknown());

export const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  defaults: z
    .strictObject({
      allowMigrationsFrom: z.array(z.string()).default([".*"]),
      timeScale: z.number().positive().default(1),
      wireScale: z.number().positive().max(1).optional(),
      migration: z.record(z.string(), z.unknown()).default({}),
      host: z.record(z.string(), z.unknown()).default({}),
    })
    .prefault({}),
  hosts: z.array(hostEntrySchema).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export async function loadScenario(path: string): Promise<Scenario> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read scenario ${path}: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(
      `invalid scenario ${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

export type DriverKind = "sim" | "qemu";

export interface ClusterLayout {
  /** The hypervisor driver every agent runs: the scenario's hosts are described for it. */
  driver?: DriverKind;
  stateRoot: string;
  listenHost: string;
  ports: number[];
  timeScale?: number;
  logLevel?: AgentConfig["log"]["level"];
  /** HTTPS for every agent: one certificate (for the listen address) and the CA that signed it. */
  tls?: { cert: string; key: string; ca: string; requireClientCert?: boolean };
  /** Per host, instead of `tls`: a test giving one agent a certificate another CA signed. */
  tlsByHost?: Record<string, NonNullable<ClusterLayout["tls"]>>;
}

/** An agent's config, which holds only token hashes, and its token, which only the manifest holds. */
export interface AgentSetup {
  config: AgentConfig;
  token: string;
}

/** One agent config per host, each with its own token and every other host as a peer. */
export function agentConfigs(scenario: Scenario, layout: ClusterLayout): AgentSetup[] {
  const agents = scenario.hosts.map((host, index) => {
    const port = layout.ports[index];
    if (port === undefined) throw new Error(`no port for host ${host.name}`);
    const token = mintToken();
    const tls = layout.tlsByHost?.[host.name] ?? layout.tls;
    const url = `${tls ? "https" : "http"}://${layout.listenHost}:${port}`;
    return { host, port, url, tls, token, hash: hashToken(token) };
  });
  return agents.map(({ host, port, url, tls, token, hash }) => {
    const { name, allowMigrationsFrom, migration, domains, ...hardware } = host;
    const config = {
      name,
      listen: { host: layout.listenHost, port },
      url,
      tokens: [{ hash }],
      peers: agents
        .filter((other) => other.host.name !== name)
        .map((other) => ({ name: other.host.name, url: other.url, hash: other.hash })),
      ...(tls ? { tls } : {}),
      allowMigrationsFrom: allowMigrationsFrom ?? scenario.defaults.allowMigrationsFrom,
      stateDir: join(layout.stateRoot, name),
      log: { level: layout.logLevel ?? "info" },
      migration: { ...scenario.defaults.migration, ...migration },
      driver: driverConfig(scenario, layout, { ...scenario.defaults.host, ...hardware, domains }),
    };
    return { config: parseAgentConfig(config, `scenario host ${name}`), token };
  });
}

function driverConfig(scenario: Scenario, layout: ClusterLayout, host: Record<string, unknown>) {
  if (layout.driver === "qemu") return { kind: "qemu", host };
  return {
    kind: "sim",
    timeScale: layout.timeScale ?? scenario.defaults.timeScale,
    ...(scenario.defaults.wireScale === undefined ? {} : { wireScale: scenario.defaults.wireScale }),
    host,
  };
}
