import { describe, expect, it } from "vitest";
import { waitFor, waitForEnd, waitForPhase } from "./harness";
import {
  copies,
  guest,
  guestTrouble,
  qemuClusterPerTest,
  qemuProcesses,
  qemuScenario,
  waitForGuest,
} from "./qemu-driver-harness";

/**
 * Agents dying at the end of a real QEMU migration, when the target's QEMU holds the whole guest
 * and the source's is paused in `postmigrate`. Their QEMUs outlive them; the restarted agents find
 * them again and finish or roll back by the coordinator's rules: never two running guests.
 */

const qemu = qemuClusterPerTest();
const agent = (name: string) => qemu.cluster.agent(name);

/** A booted guest on h1, and h1 or h2 restarted with a crash point armed. */
async function setUp(name: string, armed: { host: "h1" | "h2"; fault: string }): Promise<void> {
  await qemu.start(
    qemuScenario([
      { name: "h1", domains: [guest(name, { dirtyRateMiBps: 4, wwsMiB: 32 })] },
      { name: "h2", domains: [] },
    ]),
  );
  await waitForGuest(qemu.cluster, "h1", name);
  await agent(armed.host).stop();
  await agent(armed.host).start(60_000, { BALLAST_FAULTS: armed.fault });
}

async function runningCopies(name: string): Promise<string[]> {
  return (await copies(qemu.cluster, name)).filter((c) => c.state === "active").map((c) => c.host);
}

describe("QEMU driver: source agent dies after the transfer, before the hand-off", () => {
  it("the restarted source resumes its paused (postmigrate) guest and the target's complete copy is destroyed", async () => {
    await setUp("post1", { host: "h1", fault: "source-crash-after-transfer" });
    const started = await agent("h1")
      .client(30_000)
      .startMigration({ domain: "post1", target: agent("h2").config.url, maxBandwidthMiBps: 32 });
    await waitFor("the source agent to die", async () => (agent("h1").running ? undefined : true), 90_000);

    // The target holds the whole guest, paused; it never runs it on its own.
    expect((await agent("h2").client().migration(started.id)).phase).toMatch(/transfer|suspend/);
    expect(await runningCopies("post1")).toEqual([]);
    expect(await qemuProcesses(qemu.cluster, "post1")).toHaveLength(2);

    await agent("h1").start(60_000);
    const final = await waitForEnd(agent("h1").client(), started.id);
    expect(final.phase).toBe("failed");
    expect(final.error).toContain("restarted during");
    await waitFor("the target's copy to go", async () =>
      (await qemuProcesses(qemu.cluster, "post1")).length === 1 ? true : undefined,
    );
    expect(await runningCopies("post1")).toEqual(["h1"]);
    expect((await qemuProcesses(qemu.cluster, "post1")).map((p) => p.host)).toEqual(["h1"]);
    expect((await waitForPhase(agent("h2").client(), started.id, ["failed", "cancelled"])).phase).toBe(
      "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await guestTrouble(qemu.cluster, "h1", "post1")).toEqual([]);
  }, 180_000);
});

describe("QEMU driver: target agent dies on the hand-off, before running the guest", () => {
  it("the source stays paused (needs-attention) until the restarted target runs its re-attached copy", async () => {
    await setUp("hand1", { host: "h2", fault: "target-crash-before-finish" });
    const started = await agent("h1")
      .client(30_000)
      .startMigration({ domain: "hand1", target: agent("h2").config.url, maxBandwidthMiBps: 32 });
    const stuck = await waitForEnd(agent("h1").client(), started.id, 90_000);
    expect(stuck.phase).toBe("needs-attention");
    await waitFor("the target agent to die", async () => (agent("h2").running ? undefined : true));
    // Outcome unknown: the source's guest stays paused, and nothing runs anywhere.
    expect(await copies(qemu.cluster, "hand1")).toEqual([
      { host: "h1", state: "suspended", flags: "-n---s" },
    ]);
    expect(await qemuProcesses(qemu.cluster, "hand1")).toHaveLength(2);

    await agent("h2").start(60_000);
    const settled = await waitForPhase(agent("h1").client(), started.id, ["completed", "failed"], 60_000);
    expect(settled.phase).toBe("completed");
    expect(await copies(qemu.cluster, "hand1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
    expect((await qemuProcesses(qemu.cluster, "hand1")).map((p) => p.host)).toEqual(["h2"]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await guestTrouble(qemu.cluster, "h2", "hand1")).toEqual([]);
  }, 180_000);
});

describe("QEMU driver: target agent dies on the hand-off and its QEMU dies while it is away", () => {
  it("the restarted target starts, fails the migration, and the source resumes its paused guest", async () => {
    await setUp("gone1", { host: "h2", fault: "target-crash-before-finish" });
    const started = await agent("h1")
      .client(30_000)
      .startMigration({ domain: "gone1", target: agent("h2").config.url, maxBandwidthMiBps: 32 });
    expect((await waitForEnd(agent("h1").client(), started.id, 90_000)).phase).toBe("needs-attention");
    await waitFor("the target agent to die", async () => (agent("h2").running ? undefined : true));
    const onTarget = (await qemuProcesses(qemu.cluster, "gone1")).filter((p) => p.host === "h2");
    expect(onTarget).toHaveLength(1);
    process.kill((onTarget[0] as { pid: number }).pid, "SIGKILL");
    await waitFor("the target's QEMU to go", async () =>
      (await qemuProcesses(qemu.cluster, "gone1")).some((p) => p.host === "h2") ? undefined : true,
    );

    // The target agent starts all the same, and says the guest could not run there.
    await agent("h2").start(60_000);
    const onH2 = await waitForPhase(agent("h2").client(), started.id, ["completed", "failed"], 30_000);
    expect(onH2.phase).toBe("failed");
    expect(onH2.error).toMatch(/could not run on h2/);
    // The source hears it and runs its own copy again: exactly one running guest, on h1.
    const settled = await waitForPhase(agent("h1").client(), started.id, ["completed", "failed"], 60_000);
    expect(settled.phase).toBe("failed");
    expect(settled.error).toMatch(/h2 reports failed/);
    expect(await runningCopies("gone1")).toEqual(["h1"]);
    expect((await copies(qemu.cluster, "gone1")).map((c) => c.host)).toEqual(["h1"]);
    expect((await qemuProcesses(qemu.cluster, "gone1")).map((p) => p.host)).toEqual(["h1"]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await guestTrouble(qemu.cluster, "h1", "gone1")).toEqual([]);
  }, 180_000);
});
