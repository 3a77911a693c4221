import { readFileSync } from "node:fs";
import type { ClientTls } from "../../lib/agent-client/http-call";
import { ConfigError } from "../config";
import type { TlsConfig } from "./access-config";
import type { StreamTls } from "./stream-tls";

/**
 * The agent's TLS files, read once at start: what its HTTPS server presents and requires, and what
 * it trusts and presents as a client of its peers (the same CA, its own certificate), and what its
 * migration streams present and trust (stream-tls.ts).
 */

export interface AgentTls {
  server: { cert: Buffer; key: Buffer; ca?: Buffer; requestCert: boolean; rejectUnauthorized: boolean };
  client: ClientTls;
  stream: StreamTls;
}

export function readAgentTls(tls: TlsConfig | undefined): AgentTls | undefined {
  if (!tls) return undefined;
  const cert = readPem("tls.cert", tls.cert);
  const key = readPem("tls.key", tls.key);
  const ca = tls.ca === undefined ? undefined : readPem("tls.ca", tls.ca);
  return {
    server: {
      cert,
      key,
      ...(ca ? { ca } : {}),
      requestCert: tls.requireClientCert,
      rejectUnauthorized: tls.requireClientCert,
    },
    client: { ...(ca ? { ca } : {}), cert, key },
    stream: { ...(ca ? { ca } : {}), cert, key },
  };
}

function readPem(field: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(`${field}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}
