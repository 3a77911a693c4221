import { readFileSync } from "node:fs";
import type { ClientTls } from "./http-call";

/**
 * TLS toward the agents for the dashboard and the command-line client, from the environment, read
 * once on the server: `BALLAST_AGENT_CA` (PEM file of the CA that signed the agents' certificates)
 * and, for agents that require a client certificate, `BALLAST_AGENT_CERT` and `BALLAST_AGENT_KEY`.
 */

let cached: ClientTls | undefined;

export function agentTlsFromEnv(env: Record<string, string | undefined> = process.env): ClientTls {
  if (env === process.env && cached) return cached;
  const tls: ClientTls = {};
  if (env.BALLAST_AGENT_CA) tls.ca = readPem("BALLAST_AGENT_CA", env.BALLAST_AGENT_CA);
  if (env.BALLAST_AGENT_CERT || env.BALLAST_AGENT_KEY) {
    if (!env.BALLAST_AGENT_CERT || !env.BALLAST_AGENT_KEY)
      throw new Error("BALLAST_AGENT_CERT and BALLAST_AGENT_KEY go together: set both or neither");
    tls.cert = readPem("BALLAST_AGENT_CERT", env.BALLAST_AGENT_CERT);
    tls.key = readPem("BALLAST_AGENT_KEY", env.BALLAST_AGENT_KEY);
  }
  if (env === process.env) cached = tls;
  return tls;
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${variable}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}
