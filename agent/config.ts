import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { nonConvergenceSchema } from "../lib/schemas/migration";
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
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "a host name of letters, digits, '.', '_' or '-'"),
  listen: z.strictObject({
    host: z.string().min(1).default("127.0.0.1"),
    port: z.number().int().min(0).max(65535),
  }),
  /** How others reach this agent; defaults to http://listen.host:listen.port. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Bearer token every request must carry. */
  token: z.string().min(16, "token must be at least 16 characters"),
  /** Credentials for the agents this one migrates to (like ldm's password file). */
  peers: z
    .array(z.strictObject({ url: z.url({ protocol: /^https?$/ }), token: z.string().min(16) }))
    .default([]),
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

export type AgentConfig = z.infer<typeof agentConfigSchema> & { url: string };

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseAgentConfig(data: unknown, source: string): AgentConfig {
  const parsed = agentConfigSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(top level)"}: ${issue.message}`,
    );
    throw new ConfigError(`invalid config ${source}:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  return { ...config, url: config.url ?? defaultUrl(config.listen, source) };
}

/** http://host:port from where the agent listens, when that is an address peers can use. */
function defaultUrl(listen: { host: string; port: number }, source: string): string {
  if (["0.0.0.0", "::", ""].includes(listen.host) || listen.port === 0) {
    throw new ConfigError(
      `invalid config ${source}:\n  url: required when listening on ${listen.host}:${listen.port}: peers need an address they can reach`,
    );
  }
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return `http://${host}:${listen.port}`;
}

export async function loadAgentConfig(path: string): Promise<AgentConfig> {
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
  const config = parseAgentConfig(data, path);
  // Paths in the file are relative to the file.
  const here = dirname(path);
  const driver =
    config.driver.kind === "qemu" && config.driver.host.imageCacheDir
      ? {
          ...config.driver,
          host: { ...config.driver.host, imageCacheDir: resolve(here, config.driver.host.imageCacheDir) },
        }
      : config.driver;
  return { ...config, stateDir: resolve(here, config.stateDir), driver };
}
