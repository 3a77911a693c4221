import { parseArgs } from "node:util";
import { pino } from "pino";
import { ConfigError, loadAgentConfig } from "./config";
import { startAgent } from "./server";

/** `npm run agent -- --config FILE`: runs one host agent until SIGTERM or SIGINT. */

const USAGE = "usage: npm run agent -- --config FILE";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: "string", short: "c" } }, strict: true });
  if (!values.config) throw new ConfigError(USAGE);
  const config = await loadAgentConfig(values.config);
  const log = pino({ level: config.log.level, base: { host: config.name } });
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
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof TypeError && "code" in error)) {
    process.stderr.write(`agent: ${(error as Error).message}\n`);
    process.exit(2);
  }
  process.stderr.write(`agent: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
