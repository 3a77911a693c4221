import { describe, expect, it } from "vitest";
import type { MigrationStatus } from "../../lib/schemas/migration";
import {
  copies,
  follow,
  guest,
  guestTrouble,
  qemuClusterPerTest,
  qemuProcesses,
  qemuScenario,
  waitForGuest,
} from "./qemu-driver-harness";

/** Warm and cold migrations of QEMU domains between two real agents. */

const qemu = qemuClusterPerTest();
const agent = (name: string) => qemu.cluster.agent(name);

describe("QEMU driver: warm migration", () => {
  it("pauses the guest, sends it whole, and runs it on the target; the pause is the whole transfer", async () => {
    await qemu.start(
      qemuScenario([
        { name: "h1", domains: [guest("warm1", { dirtyRateMiBps: 8, wwsMiB: 48 })] },
        { name: "h2", domains: [] },
      ]),
    );
    await waitForGuest(qemu.cluster, "h1", "warm1");
    const started = await agent("h1")
      .client(30_000)
      .startMigration({
        domain: "warm1",
        target: agent("h2").config.url,
        kind: "warm",
        maxBandwidthMiBps: 32,
      });

    // While it is sent, the source copy is paused (suspended) and the target's is bound.
    let pausedSource = false;
    let boundTarget = false;
    const seen: MigrationStatus[] = [];
    for (;;) {
      const status = await agent("h1").client().migration(started.id);
      seen.push(status);
      const where = await copies(qemu.cluster, "warm1");
      if (where.some((copy) => copy.host === "h1" && copy.state === "suspended")) pausedSource = true;
      if (where.some((copy) => copy.host === "h2" && copy.state === "bound")) boundTarget = true;
      // Never two running copies.
      expect(where.filter((copy) => copy.state === "active").length).toBeLessThanOrEqual(1);
      if (["completed", "failed", "cancelled", "needs-attention"].includes(status.phase)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const final = seen.at(-1) as MigrationStatus;
    const tookMs = Date.parse(final.endedAt ?? "") - Date.parse(final.startedAt);
    console.log(
      `warm1: ${final.phase} in ${tookMs} ms (predicted ${Math.round((final.prediction?.seconds ?? 0) * 1000)} ms), ` +
        `downtime ${final.downtimeMs} ms (predicted ${Math.round(final.prediction?.downtimeMs ?? 0)} ms)`,
    );
    expect(final.phase).toBe("completed");
    expect(final.kind).toBe("warm");
    expect(pausedSource).toBe(true);
    expect(boundTarget).toBe(true);
    expect(seen.some((status) => status.phase === "suspend")).toBe(true);
    // Paused from before the first byte to the hand-off: most of the migration.
    expect(final.downtimeMs).toBeGreaterThan(1000);
    expect(final.downtimeMs).toBeGreaterThan(tookMs / 2);
    expect(await copies(qemu.cluster, "warm1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
    expect((await qemuProcesses(qemu.cluster, "warm1")).map((process) => process.host)).toEqual(["h2"]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await guestTrouble(qemu.cluster, "h2", "warm1")).toEqual([]);
  }, 240_000);
});

describe("QEMU driver: cold migration", () => {
  it("moves an inactive domain's definition; no QEMU runs on either side", async () => {
    await qemu.start(
      qemuScenario([
        { name: "h1", domains: [guest("cold1", { memoryMiB: 128, state: "inactive" })] },
        { name: "h2", domains: [] },
      ]),
    );
    const freeBefore = (await agent("h2").client().host()).memory.freeMiB;
    const started = await agent("h1")
      .client(30_000)
      .startMigration({ domain: "cold1", target: agent("h2").config.url });
    expect(started.kind).toBe("cold");
    const final = (await follow(agent("h1").client(), started.id)).at(-1) as MigrationStatus;
    expect(final.phase).toBe("completed");
    expect(final.downtimeMs).toBe(0);
    expect(await copies(qemu.cluster, "cold1")).toEqual([{ host: "h2", state: "inactive", flags: "------" }]);
    expect(await qemuProcesses(qemu.cluster, "cold1")).toEqual([]);
    // A defined domain holds nothing until it starts; started on its new host, it boots there.
    expect((await agent("h2").client().host()).memory.freeMiB).toBeGreaterThanOrEqual(freeBefore - 64);
    const domain = (await agent("h2").client().domains()).find((d) => d.name === "cold1");
    expect(domain).toMatchObject({ memoryMiB: 128, vcpus: 1, disks: [{ volume: "cold1-boot" }] });
    expect((await agent("h2").client(30_000).startDomain("cold1")).state).toBe("active");
    expect((await qemuProcesses(qemu.cluster, "cold1")).map((process) => process.host)).toEqual(["h2"]);
  }, 120_000);
});
