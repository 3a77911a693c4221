import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeJsonAtomic } from "../agent/storage/atomic-file";
import { Cluster } from "./cluster";
import { prepareQemu } from "./qemu-guests";
import { loadScenario } from "./scenario";

/**
 * `npm run cluster -- --manifest FILE [--driver sim|qemu] [--scenario SCENARIO.json]`
 * Starts a demo cluster's agents on loopback, writes the manifest once all answer, and stops them
 * all on SIGINT or SIGTERM (CONTRACTS.md section 3).
 */

const USAGE = `usage: npm run cluster -- --manifest FILE [--driver sim|qemu] [--scenario FILE]
       [--state-dir DIR] [--base-port N] [--time-scale X] [--log-level LEVEL]`;
const SCENARIOS = resolve(dirname(fileURLToPath(import.meta.url)), "scenarios");
/** Each driver's own demo: the qemu one is small, since its guests are real processes on this machine. */
const DEFAULT_SCENARIO = { sim: join(SCENARIOS, "default.json"), qemu: join(SCENARIOS, "qemu.json") };
const DRIVERS = ["sim", "qemu"] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      manifest: { type: "string" },
      driver: { type: "string", default: "sim" },
      scenario: { type: "string" },
      "state-dir": { type: "string" },
      "base-port": { type: "string", default: "7101" },
      "time-scale": { type: "string" },
      "log-level": { type: "string", default: "info" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  if (!values.manifest) throw new UsageError("--manifest FILE is required");
  const driver = DRIVERS.find((known) => known === values.driver);
  if (!driver) throw new UsageError(`--driver must be one of ${DRIVERS.join(", ")}, not ${values.driver}`);
  const basePort = Number(values["base-port"]);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535)
    throw new UsageError("--base-port must be a port number");
  const timeScale = values["time-scale"] === undefined ? undefined : Number(values["time-scale"]);
  if (timeScale !== undefined && !(timeScale > 0))
    throw new UsageError("--time-scale must be a positive number");

  if (driver === "qemu" && timeScale !== undefined)
    throw new UsageError("--time-scale is for simulated guests; QEMU guests run in real time");
  const scenario = await loadScenario(values.scenario ?? DEFAULT_SCENARIO[driver]);
  if (driver === "qemu") {
    console.log("preparing QEMU and the guest image (built once, then cached)...");
    await prepareQemu((line) => console.log(`guest image: ${line}`));
  }
  const stateRoot = values["state-dir"] ? resolve(values["state-dir"]) : undefined;
  if (stateRoot) await mkdir(stateRoot, { recursive: true });
  const cluster = await Cluster.start({
    scenario,
    driver,
    stateRoot,
    basePort,
    timeScale,
    logLevel: values["log-level"] as "info",
  });
  await writeJsonAtomic(resolve(values.manifest), cluster.manifest());
  for (const agent of cluster.agents)
    console.log(`${agent.name.padEnd(6)} ${agent.config.url}  (log ${agent.logPath})`);
  console.log(`${cluster.agents.length} agents up; manifest ${resolve(values.manifest)}. Ctrl-C stops them.`);

  const stop = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  process.stderr.write(
    `cluster: ${(error as Error).message}\n${error instanceof UsageError ? `${USAGE}\n` : ""}`,
  );
  process.exit(2);
});
