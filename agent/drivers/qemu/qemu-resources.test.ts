import { describe, expect, it } from "vitest";
import { ResourceError } from "../driver";
import type { QemuDomain } from "./qemu-domain";
import { freeConsolePorts, memoryView, reserve } from "./qemu-resources";

function domain(name: string, memoryMiB: number, consolePort: number | null = null): QemuDomain {
  return {
    name,
    vcpus: 1,
    memoryMiB,
    cpuArch: "native",
    networks: [],
    disks: [],
    workload: { dirtyRateMiBps: 0, wwsMiB: 0 },
    consolePort,
    bootedAt: null,
    pausedByMigration: false,
    incoming: null,
  };
}

describe("memoryView", () => {
  it("offers the configured share of the machine less what defined guests hold", () => {
    const view = memoryView({
      machineTotalMiB: 24_000,
      machineAvailableMiB: 20_000,
      reservedMiB: 0,
      limitMiB: 2048,
      holders: [{ domain: domain("a", 256), residentMiB: 200 }],
    });
    expect(view.totalMiB).toBe(2048);
    expect(view.freeMiB).toBe(1792);
    expect(view.layout).toEqual([
      { address: "0x0", sizeMiB: 256, use: "domain", domain: "a" },
      { address: "0x10000000", sizeMiB: 1792, use: "free" },
    ]);
  });

  it("is bounded by what the machine has available, counting memory guests have not touched yet", () => {
    const view = memoryView({
      machineTotalMiB: 4096,
      machineAvailableMiB: 1000,
      reservedMiB: 100,
      holders: [
        { domain: domain("a", 512), residentMiB: 112 },
        { domain: domain("b", 256), residentMiB: null },
      ],
    });
    // 1000 available - 100 reserved - (400 + 256) not yet touched.
    expect(view.freeMiB).toBe(244);
    expect(view.totalMiB).toBe(3996);
    const sizes = view.layout.reduce((sum, region) => sum + region.sizeMiB, 0);
    expect(sizes).toBe(view.totalMiB);
    expect(view.layout.map((region) => region.use)).toEqual(["domain", "domain", "reserved", "free"]);
  });

  it("never reports less than nothing", () => {
    const view = memoryView({ machineTotalMiB: 1024, machineAvailableMiB: 10, reservedMiB: 0, holders: [] });
    expect(view.freeMiB).toBe(10);
    expect(
      memoryView({ machineTotalMiB: 1024, machineAvailableMiB: 0, reservedMiB: 64, holders: [] }).freeMiB,
    ).toBe(0);
  });
});

describe("reserve", () => {
  const console = { name: "vcc0", firstPort: 5000, lastPort: 5002 };

  it("gives the first free console port", () => {
    const ports = freeConsolePorts(console, [domain("a", 128, 5000), domain("b", 128, 5002)]);
    expect(ports).toEqual([5001]);
    expect(
      reserve({ domain: domain("c", 128), strandsFree: 2, freeMiB: 512, consolePorts: ports, console }),
    ).toBe(5001);
  });

  it("names what is short", () => {
    const base = { domain: domain("c", 256), strandsFree: 1, freeMiB: 512, consolePorts: [5000], console };
    expect(() => reserve({ ...base, strandsFree: 0 })).toThrow(
      new ResourceError("0 free strands, 1 needed for c"),
    );
    expect(() => reserve({ ...base, freeMiB: 200 })).toThrow(/200 MiB free memory, 256 MiB needed for c/);
    expect(() => reserve({ ...base, consolePorts: [] })).toThrow(/no free port on console concentrator vcc0/);
    expect(reserve({ ...base, console: null })).toBeNull();
  });
});
