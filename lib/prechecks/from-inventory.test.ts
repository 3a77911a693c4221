import { describe, expect, it } from "vitest";
import type { Domain } from "../schemas/domain";
import type { Host } from "../schemas/host";
import { domainFacts, hostFacts, macsOf } from "./from-inventory";
import { failedChecks, runPrechecks } from "./run-prechecks";

function host(name: string): Host {
  return {
    name,
    driver: "sim",
    hypervisor: { kind: "ldoms", version: "3.6" },
    subnet: "10.0.0.0/24",
    cpu: {
      model: "SPARC-T4",
      mhz: 2850,
      strandsTotal: 64,
      strandsFree: 40,
      threadsPerCore: 8,
      coresFree: 5,
      wholeCores: true,
      genericArch: false,
      usedStrands: 3.5,
    },
    memory: {
      totalMiB: 16384,
      freeMiB: 6144,
      freeBlocks: [
        { address: "0x108000000", sizeMiB: 4096, use: "free" },
        { address: "0x8000000", sizeMiB: 2048, use: "free" },
      ],
      layout: [],
    },
    switches: [
      { name: "primary-vsw0", nic: "nxge0" },
      { name: "primary-vsw1", nic: null },
    ],
    nics: ["nxge0", "nxge1"],
    volumes: [
      { name: "vol1", storage: "san-a/lun1" },
      { name: "vol2", storage: "nfs-b/export/vol2" },
    ],
    storage: ["san-a", "nfs-b"],
    console: { name: "primary-vcc0", firstPort: 5000, lastPort: 5003, freePorts: [5001, 5003] },
    delayedReconfig: false,
    domains: { total: 3, active: 2 },
  };
}

function domain(name: string, macs: string[]): Omit<Domain, "flags" | "migration"> {
  return {
    name,
    state: "active",
    vcpus: 4,
    memoryMiB: 3072,
    memoryBlocks: [
      { realAddress: "0x8000000", physicalAddress: "0x108000000", sizeMiB: 2048 },
      { realAddress: "0x88000000", physicalAddress: "0x8000000", sizeMiB: 1024 },
    ],
    cpuArch: "generic",
    strands: [8, 9, 10, 11],
    networks: macs.map((mac, i) => ({
      name: `vnet${i}`,
      switch: "primary-vsw0",
      mac,
      bridge: i === 0 ? "nxge0" : null,
    })),
    disks: [
      { name: "disk0", volume: "vol1" },
      { name: "disk1", volume: "vol1" },
      { name: "disk2", volume: "vol2" },
    ],
    directIO: [],
    cryptoUnits: 0,
    delayedReconfig: false,
    consolePort: 5000,
    workload: { cpuUsed: 1, dirtyRateMiBps: 10, wwsMiB: 512, pattern: "random" },
    utilization: 25,
    uptimeSeconds: 100,
  };
}

describe("hostFacts", () => {
  it("takes everything the checks need from GET /v1/host", () => {
    expect(
      hostFacts(host("host2"), { domainNames: ["primary", "ldg7"], macsInUse: ["00:14:4f:fa:00:07"] }),
    ).toEqual({
      name: "host2",
      hypervisor: "ldoms 3.6",
      subnet: "10.0.0.0/24",
      cpu: {
        model: "SPARC-T4",
        mhz: 2850,
        freeStrands: 40,
        threadsPerCore: 8,
        freeCores: 5,
        wholeCores: true,
        genericArch: false,
      },
      memory: { freeMiB: 6144, freeBlocksMiB: [4096, 2048] },
      switches: ["primary-vsw0", "primary-vsw1"],
      nics: ["nxge0", "nxge1"],
      volumes: { vol1: "san-a/lun1", vol2: "nfs-b/export/vol2" },
      storage: ["san-a", "nfs-b"],
      freeConsolePorts: 2,
      macsInUse: ["00:14:4f:fa:00:07"],
      domainNames: ["primary", "ldg7"],
      delayedReconfig: false,
    });
  });

  it("a host without console concentrator has no free console port", () => {
    const facts = hostFacts({ ...host("host2"), console: null });
    expect(facts.freeConsolePorts).toBe(0);
    // Unknown without the other domains: those checks are then left out.
    expect(facts.macsInUse).toBeUndefined();
    expect(facts.domainNames).toBeUndefined();
  });
});

describe("domainFacts", () => {
  it("derives switches, bridges and volumes once each, and keeps every MAC and block", () => {
    const facts = domainFacts(domain("ldg1", ["00:14:4f:fa:00:01", "00:14:4f:fa:00:02"]), null);
    expect(facts).toEqual({
      name: "ldg1",
      state: "active",
      vcpus: 4,
      memoryMiB: 3072,
      memoryBlocks: [
        { sizeMiB: 2048, realAddress: "0x8000000" },
        { sizeMiB: 1024, realAddress: "0x88000000" },
      ],
      cpuArch: "generic",
      switches: ["primary-vsw0"],
      bridges: ["nxge0"],
      volumes: ["vol1", "vol2"],
      macs: ["00:14:4f:fa:00:01", "00:14:4f:fa:00:02"],
      directIO: [],
      cryptoUnits: 0,
      delayedReconfig: false,
      busy: null,
    });
  });

  it("passes the reason a domain is busy through", () => {
    expect(domainFacts(domain("ldg1", []), "migration 42 in phase transfer").busy).toBe(
      "migration 42 in phase transfer",
    );
  });

  it("macsOf lists the MACs of every domain", () => {
    expect(
      macsOf([domain("a", ["00:00:00:00:00:01"]), domain("b", ["00:00:00:00:00:02", "00:00:00:00:00:03"])]),
    ).toEqual(["00:00:00:00:00:01", "00:00:00:00:00:02", "00:00:00:00:00:03"]);
    expect(macsOf([])).toEqual([]);
  });
});

describe("facts from inventory through runPrechecks", () => {
  it("passes between two like hosts", () => {
    const source = hostFacts(host("host1"));
    const target = hostFacts(host("host2"), { domainNames: ["primary"], macsInUse: [] });
    const facts = domainFacts(domain("ldg1", ["00:14:4f:fa:00:01"]), null);
    expect(failedChecks(runPrechecks({ source, target, domain: facts, kind: "live" }))).toEqual([]);
  });

  it("reports the target's state found in the inventory", () => {
    const source = hostFacts(host("host1"));
    const target = hostFacts(
      { ...host("host2"), console: null, memory: { ...host("host2").memory, freeMiB: 1024, freeBlocks: [] } },
      { domainNames: ["ldg1"], macsInUse: macsOf([domain("other", ["00:14:4f:fa:00:01"])]) },
    );
    const facts = domainFacts(domain("ldg1", ["00:14:4f:fa:00:01"]), null);
    expect(failedChecks(runPrechecks({ source, target, domain: facts })).map((r) => r.code)).toEqual([
      "INSUFFICIENT_MEMORY",
      "NO_CONSOLE_PORT",
      "MAC_CONFLICT",
      "NAME_TAKEN",
    ]);
  });
});
