import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { guestWorkloadArgs } from "../../agent/drivers/qemu/guest-image";
import { listenForMigration } from "../../agent/drivers/qemu/incoming-port";
import type { QemuHandle } from "../../agent/drivers/qemu/qemu-process";
import { type MigrationInfo, queryMigrate, queryStatus } from "../../agent/drivers/qemu/qmp-commands";
import { findFreePorts } from "../../cluster/free-ports";
import { waitFor } from "./harness";
import {
  guestTrouble,
  heartbeats,
  IMAGE_TIMEOUT_MS,
  QemuFleet,
  qemuAndGuest,
  waitForGuestReady,
} from "./qemu-harness";

const MiB = 1024 * 1024;
const LOOPBACK = "127.0.0.1";
// 8 MiB/s over a 64 MiB writing set: one pass over it takes 8 s, and every round re-sends real pages.
const workload = { dirtyMiBps: 8, wssMiB: 64, heartbeatSeconds: 1 };

// Live migration between two real QEMU processes on loopback, driven directly over QMP.
describe("QEMU live migration over QMP", () => {
  const fleet = new QemuFleet();
  beforeAll(() => qemuAndGuest(), IMAGE_TIMEOUT_MS);
  afterEach(() => fleet.cleanup());

  /** A running source guest and a target waiting for it on a free loopback port. */
  async function sourceAndTarget(name: string) {
    const append = guestWorkloadArgs(workload);
    const source = await fleet.launch(`${name}-src`, { append });
    const [port] = await findFreePorts(LOOPBACK, 0, 1);
    if (port === undefined) throw new Error("no free port");
    const target = await fleet.launch(`${name}-dst`, { append, incoming: { host: LOOPBACK, port } });
    await waitForGuestReady(source);
    return { source, target, uri: `tcp:${LOOPBACK}:${port}` };
  }

  /** query-migrate every 200 ms until `done` says so; every answer kept. */
  async function watch(qemu: QemuHandle, done: (info: MigrationInfo) => boolean, timeoutMs: number) {
    const seen: MigrationInfo[] = [];
    await waitFor(
      "the migration to progress",
      async () => {
        const info = await queryMigrate(qemu.qmp);
        seen.push(info);
        if (done(info)) return info;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return undefined;
      },
      timeoutMs,
    );
    return seen;
  }

  it("moves a guest that writes memory through several rounds, with QEMU's downtime", async () => {
    const { source, target, uri } = await sourceAndTarget("live");
    // 32 MiB/s: the first round takes seconds, during which the guest dirties enough for more rounds.
    await source.qmp.execute("migrate-set-parameters", { "max-bandwidth": 32 * MiB, "downtime-limit": 300 });
    const targetRunning = new Promise<void>((resolve) =>
      target.qmp.onEvent((e) => e.event === "RESUME" && resolve()),
    );
    await source.qmp.execute("migrate", { uri });

    const seen = await watch(
      source,
      (info) => info.status === "completed" || info.status === "failed",
      90_000,
    );
    const last = seen.at(-1);
    const active = seen.filter((info) => info.status === "active");
    const rounds = Math.max(...seen.map((info) => info.ram?.dirtySyncCount ?? 0));
    console.log(
      `migrated in ${last?.totalTimeMs} ms over ${rounds} rounds, downtime ${last?.downtimeMs} ms, ` +
        `${((last?.ram?.transferred ?? 0) / MiB).toFixed(0)} MiB sent of ${((last?.ram?.total ?? 0) / MiB).toFixed(0)} MiB`,
    );
    expect(last?.status).toBe("completed");
    expect(rounds).toBeGreaterThan(1);
    expect(last?.downtimeMs).toBeGreaterThanOrEqual(0);
    expect(last?.totalTimeMs).toBeGreaterThan(0);
    // Progress rose while it ran, and QEMU gave its view of the guest's dirty rate.
    const transferred = active.map((info) => info.ram?.transferred ?? 0);
    expect(new Set(transferred).size).toBeGreaterThan(3);
    expect(transferred).toEqual([...transferred].sort((a, b) => a - b));
    expect(active.some((info) => (info.ram?.dirtyPagesRate ?? 0) > 0)).toBe(true);

    await targetRunning;
    expect(await queryStatus(target.qmp)).toEqual({ status: "running", running: true });
    expect(await queryStatus(source.qmp)).toEqual({ status: "postmigrate", running: false });

    // The guest on the target finds every page as it left it: a full pass over its writing set
    // (8 s) checks each one against the value it last wrote there.
    await expect.poll(() => heartbeats(target), { timeout: 30_000, interval: 500 }).toHaveLength(10);
    expect(await guestTrouble(target)).toEqual([]);
    expect((await heartbeats(target)).every((beat) => beat.mismatches === 0)).toBe(true);
  }, 180_000);

  it("a target started paused (-S) on a port QEMU picked holds the guest paused until told to run", async () => {
    const append = guestWorkloadArgs(workload);
    const source = await fleet.launch("paused-src", { append });
    const target = await fleet.launch("paused-dst", { append, incoming: "defer", paused: true });
    const port = await listenForMigration(target.qmp, LOOPBACK);
    expect(port).toBeGreaterThan(0);
    await waitForGuestReady(source);
    await source.qmp.execute("migrate-set-parameters", { "max-bandwidth": 64 * MiB, "downtime-limit": 300 });
    await source.qmp.execute("migrate", { uri: `tcp:${LOOPBACK}:${port}` });
    const seen = await watch(source, (info) => ["completed", "failed"].includes(info.status), 90_000);
    expect(seen.at(-1)?.status).toBe("completed");

    // The stream is in; the target stays paused on its own, however long it waits.
    await waitFor("the target to load the stream", async () =>
      (await queryMigrate(target.qmp)).status === "completed" ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await queryStatus(target.qmp)).toEqual({ status: "paused", running: false });
    await target.qmp.execute("cont");
    expect(await queryStatus(target.qmp)).toEqual({ status: "running", running: true });
    const before = (await heartbeats(target)).length;
    await expect
      .poll(async () => (await heartbeats(target)).length, { timeout: 15_000 })
      .toBeGreaterThan(before + 1);
    expect(await guestTrouble(target)).toEqual([]);
  }, 180_000);

  it("cancels mid-transfer: the source guest runs on and the target gives up", async () => {
    const { source, target, uri } = await sourceAndTarget("cancel");
    // 4 MiB/s: the first round alone would take a minute.
    await source.qmp.execute("migrate-set-parameters", { "max-bandwidth": 4 * MiB });
    await source.qmp.execute("migrate", { uri });
    await watch(source, (info) => info.status === "active" && (info.ram?.transferred ?? 0) > 6 * MiB, 30_000);

    await source.qmp.execute("migrate_cancel");
    const seen = await watch(source, (info) => info.status === "cancelled", 15_000);
    expect(seen.at(-1)?.status).toBe("cancelled");
    expect(await queryStatus(source.qmp)).toEqual({ status: "running", running: true });
    await target.exited; // an incoming migration that breaks off ends the target QEMU

    // The source guest keeps working, its memory intact.
    const before = (await heartbeats(source)).length;
    await expect
      .poll(async () => (await heartbeats(source)).length, { timeout: 15_000 })
      .toBeGreaterThan(before + 2);
    expect(await guestTrouble(source)).toEqual([]);
  }, 120_000);
});
