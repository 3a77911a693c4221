import { describe, expect, it } from "vitest";
import { DirtyRateMeter } from "./dirty-rate";
import type { GuestProcess } from "./guest-process";

/** A meter over readings given in turn, as a fresh QEMU gives them: the first one far too low. */
function meterReading(readings: number[]) {
  const asked: GuestProcess[] = [];
  const meter = new DirtyRateMeter(async (guest) => {
    asked.push(guest);
    return readings[asked.length - 1] ?? 0;
  });
  return { meter, asked };
}

const guest = (name: string) => ({ name }) as unknown as GuestProcess;

describe("DirtyRateMeter", () => {
  it("throws away the first measurement on a QEMU and gives the second", async () => {
    const { meter, asked } = meterReading([1, 32, 30]);
    const web1 = guest("web1");
    expect(await meter.measure("web1", web1)).toBe(32);
    expect(asked).toHaveLength(2);
  });

  it("reuses a recent measurement, and measures once only on a QEMU already measured", async () => {
    const { meter, asked } = meterReading([1, 32, 30]);
    const web1 = guest("web1");
    await meter.measure("web1", web1);
    expect(await meter.measure("web1", web1)).toBe(32);
    expect(asked).toHaveLength(2);
    meter.forget("web1"); // after a migration that failed: the same QEMU
    expect(await meter.measure("web1", web1)).toBe(30);
    expect(asked).toHaveLength(3);
  });

  it("warms up again on a new QEMU of the same name (started again, or arrived)", async () => {
    const { meter, asked } = meterReading([1, 32, 2, 16]);
    await meter.measure("web1", guest("web1"));
    meter.forget("web1");
    expect(await meter.measure("web1", guest("web1"))).toBe(16);
    expect(asked).toHaveLength(4);
  });

  it("keeps no failed measurement", async () => {
    let calls = 0;
    const meter = new DirtyRateMeter(async () => {
      calls++;
      if (calls === 1) throw new Error("QEMU busy");
      return 8;
    });
    const web1 = guest("web1");
    await expect(meter.measure("web1", web1)).rejects.toThrow("QEMU busy");
    expect(meter.last("web1")).toBeUndefined();
    expect(await meter.measure("web1", web1)).toBe(8);
  });
});
