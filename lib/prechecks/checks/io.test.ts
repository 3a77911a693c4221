import { describe, expect, it } from "vitest";
import type { DomainFacts, HostFacts, PrecheckInput } from "../facts";
import {
  consolePortFree,
  macsFree,
  nicsPresent,
  storagePool,
  storageShared,
  switchesPresent,
  volumesPresent,
  volumesReferToSameStorage,
} from "./io";

function host(name: string, extra: Partial<HostFacts> = {}): HostFacts {
  return {
    name,
    cpu: { model: "T4", mhz: 2850, freeStrands: 8 },
    memory: { freeMiB: 8192 },
    switches: ["primary-vsw0", "primary-vsw1"],
    nics: ["nxge0"],
    volumes: { boot: "san-a/lun1", data: "nfs-b/export/data" },
    storage: ["san-a", "nfs-b"],
    freeConsolePorts: 3,
    macsInUse: [],
    ...extra,
  };
}

function input(domain: Partial<DomainFacts> = {}, target: HostFacts | null = host("host2")): PrecheckInput {
  return {
    source: host("host1"),
    target,
    domain: {
      name: "ldg1",
      state: "active",
      vcpus: 1,
      memoryMiB: 1024,
      cpuArch: "native",
      switches: ["primary-vsw0"],
      bridges: ["nxge0"],
      volumes: ["boot", "data"],
      macs: ["00:14:4f:fa:00:01", "00:14:4f:fa:00:02"],
      directIO: [],
      cryptoUnits: 0,
      ...domain,
    },
  };
}

describe("I/O checks", () => {
  it("SWITCH_MISSING lists every missing switch; no network devices passes", () => {
    const result = switchesPresent(input({ switches: ["primary-vsw0", "vsw-a", "vsw-b"] }));
    expect(result?.message).toBe(
      "SWITCH_MISSING: virtual switch vsw-a, vsw-b used by ldg1 is not on target host2",
    );
    expect(switchesPresent(input({ switches: [] }))).toMatchObject({
      ok: true,
      message: "no network devices",
    });
  });

  it("NIC_MISSING needs both the target's NICs and the domain's bridges", () => {
    expect(nicsPresent(input({ bridges: ["e1000g0"] }))?.message).toBe(
      "NIC_MISSING: physical interface e1000g0 that ldg1 is bridged over is not on target host2",
    );
    expect(nicsPresent(input({ bridges: [] }))).toMatchObject({ ok: true, message: "no bridged interfaces" });
    expect(nicsPresent(input({ bridges: undefined }))).toBeNull();
    expect(nicsPresent(input({}, host("host2", { nics: undefined })))).toBeNull();
  });

  it("VOLUME_MISSING requires the same volume name on the target", () => {
    const target = host("host2", { volumes: { boot: "san-a/lun1" } });
    expect(volumesPresent(input({}, target))?.message).toBe(
      "VOLUME_MISSING: volume data used by ldg1 is not on target host2",
    );
    expect(volumesPresent(input({ volumes: [] }))).toMatchObject({ ok: true, message: "no disks" });
  });

  it("VOLUME_STORAGE_MISMATCH catches a same-named volume on other storage", () => {
    const target = host("host2", { volumes: { boot: "san-a/lun1", data: "nfs-b/export/other" } });
    expect(volumesReferToSameStorage(input({}, target))?.message).toBe(
      "VOLUME_STORAGE_MISMATCH: volume data refers to nfs-b/export/other on host2 but to nfs-b/export/data on host1",
    );
    // A missing volume is VOLUME_MISSING's finding, not a mismatch.
    expect(volumesReferToSameStorage(input({}, host("host2", { volumes: {} })))?.ok).toBe(true);
  });

  it("STORAGE_NOT_SHARED compares storage pools (the part before the first '/')", () => {
    expect(storagePool("san-a/lun7")).toBe("san-a");
    expect(storagePool("local")).toBe("local");
    expect(storageShared(input())?.ok).toBe(true);
    expect(storageShared(input({}, host("host2", { storage: ["san-a"] })))?.message).toBe(
      "STORAGE_NOT_SHARED: disk storage nfs-b/export/data of ldg1 cannot be reached from host2",
    );
    expect(storageShared(input({}, host("host2", { storage: undefined })))).toBeNull();
  });

  it("NO_CONSOLE_PORT: none free fails, unknown is left out", () => {
    expect(consolePortFree(input())?.ok).toBe(true);
    expect(consolePortFree(input({}, host("host2", { freeConsolePorts: 0 })))?.message).toBe(
      "NO_CONSOLE_PORT: target host2 has no console concentrator with a free port",
    );
    expect(consolePortFree(input({}, host("host2", { freeConsolePorts: undefined })))).toBeNull();
  });

  it("MAC_CONFLICT compares addresses without regard to case and lists each conflict", () => {
    const target = host("host2", {
      macsInUse: ["00:14:4F:FA:00:02", "00:14:4f:fa:00:01", "00:14:4f:fa:00:09"],
    });
    expect(macsFree(input({}, target))?.message).toBe(
      "MAC_CONFLICT: MAC address 00:14:4f:fa:00:01, 00:14:4f:fa:00:02 of ldg1 is in use on target host2",
    );
    expect(macsFree(input())?.ok).toBe(true);
    expect(macsFree(input({ macs: undefined }))).toBeNull();
  });

  it("every I/O check is left out without a target", () => {
    for (const check of [
      switchesPresent,
      nicsPresent,
      volumesPresent,
      volumesReferToSameStorage,
      storageShared,
      consolePortFree,
      macsFree,
    ]) {
      expect(check(input({}, null))).toBeNull();
    }
  });
});
