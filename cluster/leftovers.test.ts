import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { agentPids, claimStateRoot, startTicks, sweepAbandonedClusters, TEMP_PREFIX } from "./leftovers";

const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), "ballast-leftovers-test-"));
  folders.push(made);
  return made;
}

/** A process that looks like an agent of `stateRoot` (its command line names agent/main.ts and a config there). */
function fakeAgent(stateRoot: string): ChildProcess {
  const child = spawn(process.execPath, [
    "-e",
    "setInterval(() => {}, 1000)",
    "/repo/agent/main.ts",
    "--config",
    join(stateRoot, "configs", "h1.json"),
  ]);
  children.push(child);
  return child;
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid as number;
}

async function waitUntil(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 5000) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("sweepAbandonedClusters", () => {
  it("ends the agents of a cluster whose owner died and removes its folder; leaves live ones alone", async () => {
    const root = await folder();
    const abandoned = join(root, `${TEMP_PREFIX}dead`);
    const live = join(root, `${TEMP_PREFIX}live`);
    const unowned = join(root, `${TEMP_PREFIX}new`);
    for (const dir of [abandoned, live, unowned]) await mkdir(dir);
    await writeFile(
      join(abandoned, "cluster-owner.json"),
      JSON.stringify({ pid: await deadPid(), startTicks: 1 }),
    );
    const owner = fakeAgent(join(root, "elsewhere"));
    await waitUntil(() => startTicks(owner.pid as number) !== null);
    await writeFile(
      join(live, "cluster-owner.json"),
      JSON.stringify({ pid: owner.pid, startTicks: startTicks(owner.pid as number) }),
    );
    const leftover = fakeAgent(abandoned);
    const kept = fakeAgent(live);
    await waitUntil(
      () => startTicks(leftover.pid as number) !== null && startTicks(kept.pid as number) !== null,
    );
    expect(await agentPids(abandoned)).toEqual([leftover.pid]);

    expect(await sweepAbandonedClusters(root)).toEqual([abandoned]);
    await waitUntil(() => leftover.signalCode !== null);
    expect(leftover.signalCode).toBe("SIGTERM");
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(live) && existsSync(unowned)).toBe(true);
    expect(kept.exitCode === null && kept.signalCode === null).toBe(true);
  });
});

describe("claimStateRoot", () => {
  it("refuses a folder a running cluster owns, and takes over one whose owner died", async () => {
    const root = await folder();
    const owner = fakeAgent(join(root, "elsewhere"));
    await waitUntil(() => startTicks(owner.pid as number) !== null);
    const ownerFile = join(root, "cluster-owner.json");
    await writeFile(
      ownerFile,
      JSON.stringify({ pid: owner.pid, startTicks: startTicks(owner.pid as number) }),
    );
    await expect(claimStateRoot(root)).rejects.toThrow(/belongs to a running cluster/);

    // Same pid, other start time: a reused pid, not the owner.
    await writeFile(ownerFile, JSON.stringify({ pid: owner.pid, startTicks: 1 }));
    const leftover = fakeAgent(root);
    await waitUntil(() => startTicks(leftover.pid as number) !== null);
    await claimStateRoot(root);
    await waitUntil(() => leftover.signalCode !== null);
    expect(leftover.signalCode).toBe("SIGTERM");
  });
});
