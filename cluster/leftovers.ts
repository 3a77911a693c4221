import { readFileSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { endQemuGuests } from "./qemu-guests";

/**
 * What a cluster whose owner died left behind. Each cluster writes its owner (pid and start time)
 * in its state folder; a cluster that starts later ends the agents and QEMU guests of any folder
 * whose owner is gone: a SIGKILLed `npm run cluster`, or a test process killed mid-run, leaves
 * agents (its children, which outlive it) and guests (detached by design) behind otherwise.
 */

const OWNER_FILE = "cluster-owner.json";
/** Temporary state folders of clusters started without one (Cluster.start). */
export const TEMP_PREFIX = "ballast-cluster-";
const AGENT_STOP_GRACE_MS = 10_000;

interface Owner {
  pid: number;
  /** The process's start time in clock ticks since boot: tells a reused pid from the owner. */
  startTicks: number;
}

export async function claimStateRoot(stateRoot: string): Promise<void> {
  const owner = await readOwner(stateRoot);
  if (owner && owner.pid !== process.pid && ownerAlive(owner))
    throw new Error(`state folder ${stateRoot} belongs to a running cluster (pid ${owner.pid})`);
  if (owner) await endLeftovers(stateRoot);
  const self: Owner = { pid: process.pid, startTicks: startTicks(process.pid) ?? 0 };
  await writeFile(join(stateRoot, OWNER_FILE), JSON.stringify(self));
}

export async function releaseStateRoot(stateRoot: string): Promise<void> {
  await rm(join(stateRoot, OWNER_FILE), { force: true });
}

/** Ends what clusters whose owner died left in temporary state folders, and removes the folders. */
export async function sweepAbandonedClusters(root = tmpdir()): Promise<string[]> {
  const swept: string[] = [];
  for (const entry of await readdir(root).catch(() => [] as string[])) {
    if (!entry.startsWith(TEMP_PREFIX)) continue;
    const stateRoot = join(root, entry);
    const owner = await readOwner(stateRoot);
    // No owner file: a folder being set up right now, or one from before owners were written.
    if (!owner || owner.pid === process.pid || ownerAlive(owner)) continue;
    await endLeftovers(stateRoot);
    await rm(stateRoot, { recursive: true, force: true });
    swept.push(stateRoot);
  }
  return swept;
}

/** The agents running from this state folder's configs (SIGTERM, SIGKILL after a grace), then the guests. */
export async function endLeftovers(stateRoot: string): Promise<void> {
  const agents = await agentPids(stateRoot);
  for (const pid of agents) signal(pid, "SIGTERM");
  const deadline = Date.now() + AGENT_STOP_GRACE_MS;
  while (agents.some(running) && Date.now() < deadline) await sleep(100);
  for (const pid of agents.filter(running)) signal(pid, "SIGKILL");
  await endQemuGuests(stateRoot);
}

/** Agent processes started with a config file under `stateRoot/configs/` (see AgentProcess). */
export async function agentPids(stateRoot: string): Promise<number[]> {
  const configs = `${join(stateRoot, "configs")}/`;
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).split("\0");
    const config = args.indexOf("--config");
    if (config >= 0 && args[config + 1]?.startsWith(configs) && args.some((a) => a.endsWith("agent/main.ts")))
      pids.push(Number(entry));
  }
  return pids;
}

async function readOwner(stateRoot: string): Promise<Owner | null> {
  try {
    const owner = JSON.parse(await readFile(join(stateRoot, OWNER_FILE), "utf8")) as Partial<Owner>;
    return typeof owner.pid === "number" && typeof owner.startTicks === "number"
      ? { pid: owner.pid, startTicks: owner.startTicks }
      : null;
  } catch {
    return null;
  }
}

function ownerAlive(owner: Owner): boolean {
  return startTicks(owner.pid) === owner.startTicks;
}

function running(pid: number): boolean {
  return startTicks(pid) !== null;
}

/** Field 22 of /proc/PID/stat; null when the process is gone (or a zombie: it has ended). */
export function startTicks(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields.length < 20 || fields[0] === "Z") return null;
  return Number(fields[19]);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
