import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { guestWorkloadArgs } from "../../agent/drivers/qemu/guest-image";
import { measurePopulated } from "../../agent/drivers/qemu/guest-ram";
import { calcDirtyRate } from "../../agent/drivers/qemu/qmp-commands";
import { IMAGE_TIMEOUT_MS, QemuFleet, qemuAndGuest, waitForGuestReady } from "./qemu-harness";

const MiB = 1024 * 1024;

// QEMU's own measurement of the guest's dirty rate, against the rate the guest was told to keep.
describe("calc-dirty-rate on the tiny guest", () => {
  const fleet = new QemuFleet();
  beforeAll(() => qemuAndGuest(), IMAGE_TIMEOUT_MS);
  afterEach(() => fleet.cleanup());

  it("measures roughly the configured rate, and next to nothing for an idle guest", async () => {
    // 16 MiB/s over 64 MiB: a 2 s measurement sees half the writing set change, well short of all of it.
    const busy = await fleet.launch("busy", { append: guestWorkloadArgs({ dirtyMiBps: 16, wssMiB: 64 }) });
    const idle = await fleet.launch("idle", { append: guestWorkloadArgs({ dirtyMiBps: 0, wssMiB: 64 }) });
    await Promise.all([waitForGuestReady(busy), waitForGuestReady(idle)]);

    const [busyRate, idleRate] = await Promise.all([calcDirtyRate(busy.qmp, 2), calcDirtyRate(idle.qmp, 2)]);
    console.log(
      `measured ${busyRate.dirtyRateMiBps} MiB/s for 16 MiB/s asked, ${idleRate.dirtyRateMiBps} MiB/s idle`,
    );
    expect(busyRate).toMatchObject({ status: "measured", calcTimeSeconds: 2 });
    // Loose: page sampling counts a few hundred pages, and TCG on a busy machine may slow the guest.
    expect(busyRate.dirtyRateMiBps).toBeGreaterThanOrEqual(6);
    expect(busyRate.dirtyRateMiBps).toBeLessThanOrEqual(32);
    expect(idleRate.dirtyRateMiBps).toBeLessThanOrEqual(3);
  }, 90_000);

  it("counts what the guest populated: its writing set and kernel, not its untouched memory", async () => {
    const guest = await fleet.launch("populated", {
      memoryMiB: 256,
      append: guestWorkloadArgs({ dirtyMiBps: 4, wssMiB: 64 }),
    });
    await waitForGuestReady(guest);
    const populated = await measurePopulated(guest.pid, 256 * MiB);
    console.log(`256 MiB guest writing 64 MiB: ${((populated?.bytes ?? 0) / MiB).toFixed(0)} MiB populated`);
    // The tests run as root, who may read QEMU's memory: the pages are counted, not estimated.
    expect(populated?.how).toBe("scanned");
    expect(populated?.bytes).toBeGreaterThan(64 * MiB);
    expect(populated?.bytes).toBeLessThan(200 * MiB);
  }, 90_000);

  it("refuses a measuring time QEMU would not take", async () => {
    const guest = await fleet.launch("fussy", { memoryMiB: 128 });
    await expect(calcDirtyRate(guest.qmp, 0.5)).rejects.toThrow(/1 to 60 whole seconds/);
  });
});
