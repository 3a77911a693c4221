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
 * all on SIGINT, SIGTERM or SIGHUP (CONTRACTS.md section 3), and their QEMU guests.
 *
 * One signal usually comes several times: `timeout` and a terminal signal the whole process group
 * (npm, this process and the agents), and npm passes its own on to its child (package.json's script
 * `exec`s node, so that child is this process and not a shell that would die of it alone). The first
 * starts the stop; the others must not end this process before the stop has ended the guests (a
 * second default SIGTERM would), so every signal is handled for as long as the process lives. A
 * signal during the start stops the cluster as soon as it is up. A parent that dies without passing
 * anything on (npm SIGKILLed) stops the cluster too. If this process is killed outright, the next
 * cluster to start ends what it left (leftovers.ts).
 */

const USAGE = `usage: npm run cluster -- --manifest FILE [--driver sim|qemu] [--scenario FILE]
       [--state-dir DIR] [--base-port N] [--time-scale X] [--log-level LEVEL]`;
const SCENARIOS = resolve(dirname(fileURLToPath(import.meta.url)), "scenarios");
/** Each driver's own demo: the qemu one is small, since its guests are real processes on this machine. */
const DEFAULT_SCENARIO = { sim: join(SCENARIOS, "default.json"), qemu: join(SCENARIOS, "qemu.json") };
const DRIVERS = ["sim", "qemu"] as const;

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Set once the agents are starting: from then on a signal stops them rather than exiting at once. */
let starting = false;
let cluster: Cluster | undefined;
let signalled: string | undefined;

/** `why`: the signal's name, or what else asked for the stop. */
function onSignal(why: string): void {
  if (signalled) return void console.log(`${why}: already stopping (on ${signalled})`);
  signalled = why;
  if (!starting) process.exit(why === "SIGINT" ? 130 : 143);
  console.log(`${why}: stopping the agents and their guests...`);
  if (cluster) void stopAndExit(cluster);
  // Otherwise main() stops it once Cluster.start returns: a half-started cluster is not known here.
}

async function stopAndExit(started: Cluster): Promise<never> {
  try {
    await started.stop();
    console.log("cluster stopped");
    process.exit(0);
  } catch (error) {
    process.stderr.write(`cluster: stop failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** Stops the cluster when the process that started this one is gone (this one is then re-parented). */
function stopWithParent(): void {
  const parent = process.ppid;
  if (parent <= 1) return;
  setInterval(() => {
    if (process.ppid !== parent) onSignal(`the parent process (pid ${parent}) is gone`);
  }, 1000).unref();
}

async function main(): Promise<void> {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  stopWithParent();
  // Whoever read our output (a terminal, a pipe, npm's) may be gone by the time we stop: the stop
  // goes on without its messages rather than dying of EPIPE before the guests are ended.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
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
  starting = true;
  cluster = await Cluster.start({
    scenario,
    driver,
    stateRoot,
    basePort,
    timeScale,
    logLevel: values["log-level"] as "info",
  });
  if (signalled) return void (await stopAndExit(cluster));
  await writeJsonAtomic(resolve(values.manifest), cluster.manifest());
  for (const agent of cluster.agents)
    console.log(`${agent.name.padEnd(6)} ${agent.config.url}  (log ${agent.logPath})`);
  console.log(`${cluster.agents.length} agents up; manifest ${resolve(values.manifest)}. Ctrl-C stops them.`);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  process.stderr.write(
    `cluster: ${(error as Error).message}\n${error instanceof UsageError ? `${USAGE}\n` : ""}`,
  );
  process.exit(2);
});
