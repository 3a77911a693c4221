import { type DestinationStream, type Logger, pino } from "pino";
import type { AgentConfig } from "./config";

/**
 * The agent's JSON-lines logger. Secrets never reach it by design, and redaction is the backstop:
 * authorization headers, peer signatures, and any token, hash or secret field (a config or an
 * error object logged whole) come out as "[redacted]".
 */

export const REDACTED_PATHS = [
  "req.headers.authorization",
  'req.headers["x-ballast-signature"]',
  "headers.authorization",
  'headers["x-ballast-signature"]',
  "authorization",
  "token",
  "tokens",
  "hash",
  "secret",
  "*.token",
  "*.tokens",
  "*.hash",
  "*.secret",
  "*.authorization",
  "peers[*].token",
  "peers[*].hash",
  "*.peers[*].token",
  "*.peers[*].hash",
];

export function createAgentLogger(
  config: Pick<AgentConfig, "name" | "log">,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.log.level,
    base: { host: config.name },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
