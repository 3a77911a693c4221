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

/** Live migration of a real QEMU guest between two agents, and the domains' lifecycle through the API. */

const qemu = qemuClusterPerTest();
const agent = (name: string) => qemu.cluster.agent(name);

describe("QEMU driver: live migration", () => {
  it("moves a guest that writes memory through several rounds, with QEMU's downtime, onto the target only", async () => {
    await qemu.start(
      qemuScenario([
        { name: "h1", domains: [guest("live1", { dirtyRateMiBps: 8, wwsMiB: 48 })] },
        { name: "h2", domains: [] },
      ]),
    );
    await waitForGuest(qemu.cluster, "h1", "live1");
    const request = { domain: "live1", target: agent("h2").config.url, maxBandwidthMiBps: 24 };

    // The prediction uses the dirty rate QEMU measured in the guest.
    const dry = await agent("h1").client(20_000).dryRun(request);
    expect(dry.ok).toBe(true);
    expect(dry.prediction?.kind).toBe("live");
    expect(dry.prediction?.dirtyRateBytesPerSec).toBeGreaterThan(0);

    const started = await agent("h1").client(30_000).startMigration(request);
    const seen = await follow(agent("h1").client(), started.id);
    const final = seen.at(-1) as MigrationStatus;
    const transfer = seen.filter((status) => status.phase === "transfer");
    console.log(
      `live1: ${final.phase} in ${Date.parse(final.endedAt ?? "") - Date.parse(final.startedAt)} ms ` +
        `(predicted ${Math.round((final.prediction?.seconds ?? 0) * 1000)} ms), ${final.round} rounds ` +
        `(predicted ${final.prediction?.rounds}), downtime ${final.downtimeMs} ms with QEMU's own ` +
        `${final.hypervisorDowntimeMs} ms (predicted ${Math.round(final.prediction?.downtimeMs ?? 0)} ms), ` +
        `${Math.round(final.transferredBytes / 1048576)} MiB sent`,
    );

    expect(final.phase).toBe("completed");
    expect(final.error).toBeNull();
    expect(final.progress).toBe(100);
    // Progress rose through several rounds, never backwards, with QEMU's figures.
    const progress = seen.map((status) => status.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(transfer.map((status) => status.progress)).size).toBeGreaterThan(3);
    expect(new Set(transfer.map((status) => status.round)).size).toBeGreaterThanOrEqual(2);
    expect(final.round).toBeGreaterThanOrEqual(2);
    expect(transfer.some((status) => status.dirtyRateBytesPerSec > 0)).toBe(true);
    expect(transfer.some((status) => status.expectedDowntimeMs > 0)).toBe(true);
    // QEMU's own measurement, and the guest's whole pause (with the hand-off) around it.
    expect(final.hypervisorDowntimeMs).toBeTypeOf("number");
    expect(final.hypervisorDowntimeMs).toBeGreaterThanOrEqual(0);
    expect(final.downtimeMs).toBeGreaterThanOrEqual(final.hypervisorDowntimeMs ?? 0);
    // Predicted and actual are both on the record.
    expect(final.prediction?.seconds).toBeGreaterThan(0);
    expect(final.endedAt).not.toBeNull();

    // The guest runs on the target only: one QEMU for it, on h2, running.
    expect(await copies(qemu.cluster, "live1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
    expect((await qemuProcesses(qemu.cluster, "live1")).map((process) => process.host)).toEqual(["h2"]);
    expect((await agent("h2").client().migration(started.id)).phase).toBe("completed");
    // Its memory arrived whole: the guest checks every page it wrote, and keeps running.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await guestTrouble(qemu.cluster, "h2", "live1")).toEqual([]);
  }, 240_000);
});

describe("QEMU driver: domains through the API", () => {
  it("defines, starts, lists, stops and undefines a domain; the host's inventory follows", async () => {
    await qemu.start(qemuScenario([{ name: "h1", domains: [] }]));
    const client = agent("h1").client(30_000);
    const before = await client.host();
    expect(before.driver).toBe("qemu");
    expect(before.hypervisor.kind).toBe("qemu");
    expect(before.cpu.strandsTotal).toBeGreaterThan(0);

    const defined = await client.defineDomain({ name: "new1", vcpus: 1, memoryMiB: 128, state: "inactive" });
    expect(defined).toMatchObject({ name: "new1", state: "inactive", memoryMiB: 128, vcpus: 1 });
    expect((await client.domains()).map((d) => d.name)).toEqual(["new1"]);
    expect(await qemuProcesses(qemu.cluster, "new1")).toEqual([]);

    const running = await client.startDomain("new1");
    expect(running.state).toBe("active");
    expect(running.consolePort).not.toBeNull();
    expect(await qemuProcesses(qemu.cluster, "new1")).toHaveLength(1);
    const during = await client.host();
    expect(during.memory.freeMiB).toBeLessThanOrEqual(before.memory.freeMiB - 128);
    expect(during.cpu.strandsFree).toBe(before.cpu.strandsFree - 1);
    await waitForGuest(qemu.cluster, "h1", "new1");

    await expect(client.undefineDomain("new1")).rejects.toThrow(/must be stopped/);
    const stopped = await client.stopDomain("new1");
    expect(stopped.state).toBe("inactive");
    expect(stopped.consolePort).toBeNull();
    expect(await qemuProcesses(qemu.cluster, "new1")).toEqual([]);
    await client.undefineDomain("new1");
    expect(await client.domains()).toEqual([]);

    await expect(client.defineDomain({ name: "bad", vcpus: 0, memoryMiB: 8 })).rejects.toThrow(
      /vcpus|memoryMiB/,
    );
  }, 120_000);
});
