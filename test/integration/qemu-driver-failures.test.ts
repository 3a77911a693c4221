import { describe, expect, it } from "vitest";
import type { MigrationStatus } from "../../lib/schemas/migration";
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
 * Cancel and crashes in the middle of a real QEMU migration. The rules: never two running guests,
 * never none for long; whatever fails before hand-off leaves the source guest running and the
 * target's QEMU ended.
 */

const qemu = qemuClusterPerTest();
const agent = (name: string) => qemu.cluster.agent(name);

/** A guest on h1, booted, migrating to h2 at 4 MiB/s (a first round of half a minute), well under way. */
async function slowMigration(name: string): Promise<MigrationStatus> {
  await qemu.start(
    qemuScenario([
      { name: "h1", domains: [guest(name, { dirtyRateMiBps: 4, wwsMiB: 32 })] },
      { name: "h2", domains: [] },
    ]),
  );
  await waitForGuest(qemu.cluster, "h1", name);
  const started = await agent("h1")
    .client(30_000)
    .startMigration({ domain: name, target: agent("h2").config.url, maxBandwidthMiBps: 4 });
  await waitFor("the transfer to be under way", async () => {
    const status = await agent("h1").client().migration(started.id);
    return status.phase === "transfer" && status.transferredBytes > 6 * 1048576 ? status : undefined;
  });
  return started;
}

/** Exactly one QEMU for the domain, on h1, and the agents say it runs there. */
async function runsOnSourceOnly(name: string): Promise<void> {
  const where = qemu.cluster;
  await waitFor("the target's QEMU to end", async () =>
    (await qemuProcesses(where, name)).length === 1 ? true : undefined,
  );
  expect((await qemuProcesses(where, name)).map((process) => process.host)).toEqual(["h1"]);
  expect(await copies(where, name)).toEqual([{ host: "h1", state: "active", flags: expect.any(String) }]);
  expect(await guestTrouble(where, "h1", name)).toEqual([]);
}

describe("QEMU driver: cancel", () => {
  it("mid-transfer: migrate_cancel, the source guest runs on, the target's QEMU is ended and cleaned up", async () => {
    const started = await slowMigration("cancel1");
    // While it migrates, the domain is no one else's to stop.
    await expect(agent("h1").client().stopDomain("cancel1")).rejects.toThrow(/busy/);
    const cancelled = await agent("h1").client(30_000).cancel(started.id);
    expect(cancelled.phase).toBe("cancelled");
    await runsOnSourceOnly("cancel1");
    expect((await copies(qemu.cluster, "cancel1"))[0]?.flags).toBe("-n----");
    expect((await waitForPhase(agent("h2").client(), started.id, ["cancelled", "failed"])).phase).toBe(
      "cancelled",
    );
  }, 180_000);
});

describe("QEMU driver: target QEMU killed mid-transfer", () => {
  it("fails the migration and keeps the source guest running", async () => {
    const started = await slowMigration("kill1");
    const [target] = (await qemuProcesses(qemu.cluster, "kill1")).filter((p) => p.host === "h2");
    expect(target).toBeDefined();
    process.kill(target?.pid ?? 0, "SIGKILL");

    const final = await waitForEnd(agent("h1").client(), started.id);
    expect(final.phase).toBe("failed");
    expect(final.error).toMatch(/QEMU|migration/i);
    await runsOnSourceOnly("kill1");
    const onTarget = await waitForPhase(agent("h2").client(), started.id, ["failed", "cancelled"]);
    expect(onTarget.error).toBeTruthy();
  }, 180_000);
});

describe("QEMU driver: source agent killed and restarted mid-transfer", () => {
  it("never leaves two running guests; the migration is rolled back and the guest runs on the source", async () => {
    const started = await slowMigration("crash1");
    const sourcePid = (await qemuProcesses(qemu.cluster, "crash1")).find((p) => p.host === "h1")?.pid;
    await agent("h1").kill();

    // Without its agent the source guest runs on (QEMU outlives it); the target never runs its copy.
    for (let i = 0; i < 10; i++) {
      const target = await copies(qemu.cluster, "crash1");
      expect(target.filter((copy) => copy.state === "active")).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // The target saw the source go and destroyed its half-built copy on its own.
    await waitForPhase(agent("h2").client(), started.id, ["failed"]);

    await agent("h1").start(60_000);
    const recovered = await waitForEnd(agent("h1").client(), started.id);
    expect(recovered.phase).toBe("failed");
    expect(recovered.error).toContain("restarted during");
    await runsOnSourceOnly("crash1");
    // The restarted agent re-attached to the very QEMU it had left running.
    expect((await qemuProcesses(qemu.cluster, "crash1"))[0]?.pid).toBe(sourcePid);
  }, 180_000);
});
