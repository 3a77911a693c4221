import type { Logger } from "pino";
import type { AgentAccess } from "./auth/access";
import { type AgentConfig, loadAgentConfig } from "./config";

/**
 * Token rotation without a restart: on SIGHUP the agent reads its config file again and applies its
 * tokens, peers and allow-list to the next request. A file that does not validate is refused with
 * its problems in the log, and the running config stays. Other fields need a restart, and the log
 * says which changed. Rotation: add the new token's hash, give the old one a `notAfter`, SIGHUP.
 */

/** Fields applied live; every other change waits for a restart. */
const LIVE_FIELDS = new Set(["tokens", "peers", "allowMigrationsFrom"]);

export async function reloadConfig(
  path: string,
  running: AgentConfig,
  access: AgentAccess,
  log: Logger,
): Promise<boolean> {
  let next: AgentConfig;
  try {
    const read = await loadAgentConfig(path);
    next = read.config;
    for (const warning of read.warnings) log.warn(warning);
  } catch (error) {
    log.error(`config reload refused, the running config stays: ${(error as Error).message}`);
    return false;
  }
  access.apply(next);
  const needRestart = Object.keys({ ...running, ...next }).filter(
    (key) =>
      !LIVE_FIELDS.has(key) &&
      JSON.stringify(running[key as keyof AgentConfig]) !== JSON.stringify(next[key as keyof AgentConfig]),
  );
  if (needRestart.length > 0)
    log.warn({ fields: needRestart }, "config fields changed that apply only after a restart");
  log.info(access.describe(), "config reloaded: tokens, peers and allow-list applied");
  return true;
}
