import { parseArgs } from "node:util";
import { ConfigError, loadAgentConfig } from "./config";
import { reloadConfig } from "./config-reload";
import { createAgentLogger } from "./logger";
import { startAgent } from "./server";

/**
 * `npm run agent -- --config FILE`: runs one host agent until SIGTERM or SIGINT; SIGHUP reloads its
 * tokens, peers and allow-list from FILE (config-reload.ts).
 */

const USAGE = "usage: npm run agent -- --config FILE";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: "string", short: "c" } }, strict: true });
  if (!values.config) throw new ConfigError(USAGE);
  const configPath = values.config;
  const { config, warnings } = await loadAgentConfig(configPath);
  const log = createAgentLogger(config);
  for (const warning of warnings) log.warn(warning);
  const agent = await startAgent(config, log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await agent.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  let reloading = Promise.resolve(true);
  process.on("SIGHUP", () => {
    log.info("SIGHUP: reloading the config");
    reloading = reloading.then(() => reloadConfig(configPath, config, agent.access, log));
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof TypeError && "code" in error)) {
    process.stderr.write(`agent: ${(error as Error).message}\n`);
    process.exit(2);
  }
  process.stderr.write(`agent: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
