import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { nonConvergenceSchema } from "../lib/schemas/migration";
import {
  hostNameSchema,
  normalizeAccess,
  type PeerEntry,
  peerEntrySchema,
  type TokenEntry,
  tlsSchema,
  tokenEntrySchema,
} from "./auth/access-config";
import { qemuHostConfigSchema } from "./drivers/qemu/qemu-config";
import { simHostConfigSchema } from "./drivers/sim/sim-config";

/**
 * The agent's config file (JSON), parsed once at start. Every mistake is reported with the path of
 * the field and what was expected, all of them at once, and the agent does not start.
 */

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid regular expression" },
);

const GIGABIT_MIBPS = 1e9 / 8 / 1048576;

export const agentConfigSchema = z.strictObject({
  /** The host's name: how peers and the allow-lists know it. */
  name: hostNameSchema,
  listen: z.strictObject({
    host: z.string().min(1).default("127.0.0.1"),
    port: z.number().int().min(0).max(65535),
  }),
  /** How others reach this agent; defaults to http(s)://listen.host:listen.port. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Hashes of the bearer tokens accepted (a request carries one of them); see auth/access-config.ts. */
  tokens: z.array(tokenEntrySchema).default([]),
  /** Deprecated: a plain token, hashed at load (with a warning). */
  token: z.string().min(16, "token must be at least 16 characters").optional(),
  /** The agents this one migrates to and accepts migrations from, by name, URL and token hash. */
  peers: z.array(peerEntrySchema).default([]),
  /** HTTPS from files; absent, the agent serves plain HTTP. */
  tls: tlsSchema.optional(),
  /** Regular expressions (xend-relocation-hosts-allow) for the sources it accepts; empty accepts none. */
  allowMigrationsFrom: z.array(regexSource).default([]),
  /** Where the agent keeps its migrations' phases (and its driver its domains and their QEMU run folders). */
  stateDir: z.string().min(1),
  log: z
    .strictObject({
      level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    })
    .prefault({}),
  migration: z
    .strictObject({
      /** Bandwidth of the migration network, MiB/s (1 GbE by default). */
      linkMiBps: z.number().positive().default(GIGABIT_MIBPS),
      defaultDowntimeLimitMs: z.number().int().positive().default(300),
      onNoConvergence: nonConvergenceSchema.default("stop-and-copy"),
      /** Timeout of each call to a peer agent. */
      peerTimeoutMs: z.number().int().positive().default(5000),
      /** Finished migrations kept in the history. */
      historyLimit: z.number().int().positive().default(1000),
    })
    .prefault({}),
  driver: z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("sim"),
      /** Simulated seconds per real second: above 1 makes simulated migrations finish sooner. */
      timeScale: z.number().positive().max(100_000).default(1),
      /** Bytes sent on the wire per byte of simulated guest memory. */
      wireScale: z
        .number()
        .positive()
        .max(1)
        .default(1 / 64),
      host: simHostConfigSchema,
    }),
    z.strictObject({
      /** Real guests: a qemu-system-x86_64 process per domain, driven over QMP. */
      kind: z.literal("qemu"),
      host: qemuHostConfigSchema.prefault({}),
    }),
  ]),
});

/** The config as the agent runs it: tokens and peers as hashes only, and its URL. */
export type AgentConfig = Omit<z.infer<typeof agentConfigSchema>, "token" | "peers" | "tokens"> & {
  url: string;
  tokens: TokenEntry[];
  peers: PeerEntry[];
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** A parsed config and what the agent should warn about (plain tokens). */
export interface ReadConfig {
  config: AgentConfig;
  warnings: string[];
}

export function parseAgentConfig(data: unknown, source: string): AgentConfig {
  return readAgentConfig(data, source).config;
}

export function readAgentConfig(data: unknown, source: string): ReadConfig {
  const parsed = agentConfigSchema.safeParse(data);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  if (!parsed.success) {
    const raw = (typeof data === "object" && data) || {};
    // Reported with the others: a file with neither field misses its most important one.
    if (!("token" in raw) && !("tokens" in raw)) problems.push("tokens: at least one token hash is required");
    throw configProblems(source, problems);
  }
  const { token, tokens: listed, peers: rawPeers, ...config } = parsed.data;
  const access = normalizeAccess({ token, tokens: listed, peers: rawPeers });
  problems.push(...access.problems);
  const url = config.url ?? defaultUrl(config.listen, config.tls !== undefined, problems);
  if (config.tls && url.startsWith("http:")) problems.push("url: must be https:// when tls is set");
  if (problems.length > 0) throw configProblems(source, problems);
  return {
    config: { ...config, url, tokens: access.tokens, peers: access.peers },
    warnings: access.warnings,
  };
}

function configProblems(source: string, problems: string[]): ConfigError {
  return new ConfigError(`invalid config ${source}:\n${problems.map((line) => `  ${line}`).join("\n")}`);
}

/** http(s)://host:port from where the agent listens, when that is an address peers can use. */
function defaultUrl(listen: { host: string; port: number }, tls: boolean, problems: string[]): string {
  if (["0.0.0.0", "::", ""].includes(listen.host) || listen.port === 0) {
    problems.push(
      `url: required when listening on ${listen.host}:${listen.port}: peers need an address they can reach`,
    );
  }
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return `${tls ? "https" : "http"}://${host}:${listen.port}`;
}

export async function loadAgentConfig(path: string): Promise<ReadConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const { config, warnings } = readAgentConfig(data, path);
  // Paths in the file are relative to the file.
  const here = dirname(path);
  const driver =
    config.driver.kind === "qemu" && config.driver.host.imageCacheDir
      ? {
          ...config.driver,
          host: { ...config.driver.host, imageCacheDir: resolve(here, config.driver.host.imageCacheDir) },
        }
      : config.driver;
  const tls = config.tls && {
    ...config.tls,
    cert: resolve(here, config.tls.cert),
    key: resolve(here, config.tls.key),
    ...(config.tls.ca ? { ca: resolve(here, config.tls.ca) } : {}),
  };
  return { config: { ...config, stateDir: resolve(here, config.stateDir), driver, tls }, warnings };
}
