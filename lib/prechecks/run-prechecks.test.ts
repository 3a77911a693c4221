import { describe, expect, it } from "vitest";
import { PRECHECK_CODES, type PrecheckCode, type PrecheckResult } from "./codes";
import type { DomainFacts, HostFacts, PrecheckInput } from "./facts";
import { failedChecks, runPrechecks } from "./run-prechecks";

/** A source, a target and a domain on which every check runs and passes; tests change one thing. */
interface Scenario extends PrecheckInput {
  target: HostFacts;
}

function host(name: string): HostFacts {
  return {
    name,
    hypervisor: "ldoms 3.6",
    subnet: "10.0.0.0/24",
    cpu: {
      model: "SPARC-T4",
      mhz: 2850,
      freeStrands: 64,
      threadsPerCore: 8,
      freeCores: 8,
      genericArch: true,
    },
    memory: { freeMiB: 16384, freeBlocksMiB: [8192, 8192] },
    switches: ["primary-vsw0"],
    nics: ["nxge0"],
    volumes: { vol1: "san-a/lun1" },
    storage: ["san-a"],
    freeConsolePorts: 10,
    macsInUse: ["00:14:4f:fa:99:99"],
    domainNames: ["primary"],
    delayedReconfig: false,
  };
}

function scenario(change: (s: Scenario) => void = () => {}): PrecheckInput {
  const domain: DomainFacts = {
    name: "ldg1",
    state: "active",
    vcpus: 4,
    memoryMiB: 4096,
    memoryBlocks: [{ sizeMiB: 4096, realAddress: "0x8000000" }],
    cpuArch: "native",
    switches: ["primary-vsw0"],
    bridges: ["nxge0"],
    volumes: ["vol1"],
    macs: ["00:14:4f:fa:00:01"],
    directIO: [],
    cryptoUnits: 0,
    delayedReconfig: false,
    busy: null,
  };
  const s: Scenario = {
    source: host("host1"),
    target: host("host2"),
    domain,
    kind: "live",
    reach: { status: "ok" },
  };
  change(s);
  return s;
}

function resultFor(results: PrecheckResult[], code: PrecheckCode): PrecheckResult {
  const found = results.filter((result) => result.code === code);
  expect(found, `exactly one ${code} result`).toHaveLength(1);
  return found[0] as PrecheckResult;
}

interface Case {
  /** Makes the check pass in a way worth showing (the baseline when absent). */
  pass?: (s: Scenario) => void;
  /** Makes this check, and only this one, fail. */
  fail: (s: Scenario) => void;
  /** What the failure message must name. */
  names: string[];
}

const set = Object.assign;

const CATALOGUE: Record<PrecheckCode, Case> = {
  SAME_HOST: { fail: (s) => set(s.target, { name: "host1" }), names: ["same host", "host1"] },
  TARGET_UNREACHABLE: {
    fail: (s) =>
      set(s, {
        target: null,
        reach: { status: "unreachable", message: "connect ECONNREFUSED 10.0.0.2:7070" },
      }),
    names: ["ECONNREFUSED 10.0.0.2:7070"],
  },
  AUTH_FAILED: {
    fail: (s) => set(s, { reach: { status: "auth-failed", message: "host2 rejected the token for host1" } }),
    names: ["host2 rejected the token for host1"],
  },
  NOT_ALLOWED_BY_TARGET: {
    fail: (s) => set(s, { reach: { status: "not-allowed", message: "host2 accepts only ^host9\\.?.*$" } }),
    names: ["^host9\\.?.*$"],
  },
  HYPERVISOR_MISMATCH: {
    fail: (s) => set(s.target, { hypervisor: "ldoms 3.5" }),
    names: ["host2", "ldoms 3.5", "ldoms 3.6"],
  },
  SUBNET_MISMATCH: {
    fail: (s) => set(s.target, { subnet: "10.0.1.0/24" }),
    names: ["host2", "10.0.1.0/24", "10.0.0.0/24"],
  },
  CPU_INCOMPATIBLE: {
    // Across CPU models with cpu-arch=generic.
    pass: (s) =>
      set(s, {
        target: { ...s.target, cpu: { ...s.target.cpu, model: "SPARC-T5", mhz: 3600 } },
        domain: { ...s.domain, cpuArch: "generic" },
      }),
    fail: (s) => set(s.target.cpu, { mhz: 1600 }),
    names: ["host2", "SPARC-T4 at 1600 MHz", "SPARC-T4 at 2850 MHz", "ldg1", "cpu-arch=native"],
  },
  INSUFFICIENT_CPU: {
    pass: (s) => set(s.target.cpu, { freeStrands: 4 }), // exactly enough
    fail: (s) => set(s.target.cpu, { freeStrands: 3 }),
    names: ["host2", "3 free strands", "ldg1", "needs 4"],
  },
  INSUFFICIENT_MEMORY: {
    pass: (s) => set(s.target, { memory: { freeMiB: 4096, freeBlocksMiB: [4096] } }), // exactly enough
    fail: (s) => set(s.target, { memory: { freeMiB: 1024, freeBlocksMiB: [1024] } }),
    names: ["host2", "1G free memory", "ldg1", "needs 4G"],
  },
  MEMORY_LAYOUT_INCOMPATIBLE: {
    pass: (s) => {
      set(s.domain, { memoryMiB: 2048, memoryBlocks: [{ sizeMiB: 1024 }, { sizeMiB: 1024 }] });
      set(s.target, { memory: { freeMiB: 2048, freeBlocksMiB: [1024, 1024] } });
    },
    // 2G free as two 1G blocks cannot take one 2G block.
    fail: (s) => {
      set(s.domain, { memoryMiB: 2048, memoryBlocks: [{ sizeMiB: 2048, realAddress: "0x8000000" }] });
      set(s.target, { memory: { freeMiB: 2048, freeBlocksMiB: [1024, 1024] } });
    },
    names: ["Unable to bind 2G memory region at real address 0x8000000", "host2"],
  },
  SWITCH_MISSING: {
    fail: (s) => set(s.domain, { switches: ["primary-vsw0", "backup-vsw1"] }),
    names: ["virtual switch backup-vsw1", "ldg1", "host2"],
  },
  NIC_MISSING: {
    fail: (s) => set(s.domain, { bridges: ["nxge0", "e1000g1"] }),
    names: ["e1000g1", "ldg1", "host2"],
  },
  VOLUME_MISSING: {
    fail: (s) => {
      set(s.domain, { volumes: ["vol1", "vol2"] });
      set(s.source.volumes, { vol2: "san-a/lun2" });
    },
    names: ["volume vol2", "ldg1", "host2"],
  },
  VOLUME_STORAGE_MISMATCH: {
    fail: (s) => set(s.target.volumes, { vol1: "san-a/lun9" }),
    names: ["vol1", "san-a/lun9", "san-a/lun1", "host1", "host2"],
  },
  STORAGE_NOT_SHARED: {
    fail: (s) => set(s.target, { storage: ["san-b"] }),
    names: ["san-a/lun1", "ldg1", "host2"],
  },
  NO_CONSOLE_PORT: {
    pass: (s) => set(s.target, { freeConsolePorts: 1 }),
    fail: (s) => set(s.target, { freeConsolePorts: 0 }),
    names: ["host2", "console concentrator"],
  },
  MAC_CONFLICT: {
    fail: (s) => set(s.target, { macsInUse: ["00:14:4F:FA:00:01"] }), // same address, other case
    names: ["00:14:4f:fa:00:01", "ldg1", "host2"],
  },
  DIRECT_IO_DOMAIN: {
    fail: (s) => set(s.domain, { directIO: ["pci@400", "niu@480"] }),
    names: ["ldg1", "pci@400, niu@480"],
  },
  CRYPTO_MULTI_VCPU: {
    pass: (s) => set(s.domain, { cryptoUnits: 1, vcpus: 1 }),
    fail: (s) => set(s.domain, { cryptoUnits: 1 }),
    names: ["ldg1", "1 bound crypto unit(s)", "4 VCPUs"],
  },
  DELAYED_RECONFIG: { fail: (s) => set(s.target, { delayedReconfig: true }), names: ["target host2"] },
  DOMAIN_BUSY: {
    fail: (s) => set(s.domain, { busy: "migration 1a2b in phase transfer" }),
    names: ["ldg1", "migration 1a2b in phase transfer"],
  },
  NAME_TAKEN: {
    // A rename frees the name.
    pass: (s) =>
      set(s, { targetName: "ldg1-moved", target: { ...s.target, domainNames: ["primary", "ldg1"] } }),
    fail: (s) => set(s.target, { domainNames: ["primary", "ldg1"] }),
    names: ["host2", "ldg1"],
  },
  KIND_UNSUITABLE: {
    pass: (s) => set(s, { kind: "warm" }),
    fail: (s) => set(s, { kind: "cold" }),
    names: ["ldg1", "active", "cold"],
  },
};

describe("runPrechecks: the catalogue", () => {
  it("has a case for every code", () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual([...PRECHECK_CODES].sort());
  });

  it("runs and passes every check on the baseline, each once, in the admin's reading order", () => {
    const results = runPrechecks(scenario());
    expect(failedChecks(results)).toEqual([]);
    expect(results.map((result) => result.code).sort()).toEqual([...PRECHECK_CODES].sort());
    for (const result of results) expect(result.message.startsWith(`${result.code}:`)).toBe(false);
    const order = results.map((result) => result.code);
    expect(order.indexOf("TARGET_UNREACHABLE")).toBeLessThan(order.indexOf("HYPERVISOR_MISMATCH"));
    expect(order.indexOf("HYPERVISOR_MISMATCH")).toBeLessThan(order.indexOf("INSUFFICIENT_CPU"));
    expect(order.indexOf("INSUFFICIENT_CPU")).toBeLessThan(order.indexOf("SWITCH_MISSING"));
    expect(order.indexOf("SWITCH_MISSING")).toBeLessThan(order.indexOf("DIRECT_IO_DOMAIN"));
  });

  describe.each(PRECHECK_CODES.map((code) => [code] as const))("%s", (code) => {
    const testCase = CATALOGUE[code];

    it("passes", () => {
      const results = runPrechecks(scenario(testCase.pass));
      const result = resultFor(results, code);
      expect(result.ok).toBe(true);
      expect(result.message).not.toMatch(new RegExp(`^${code}:`));
      expect(failedChecks(results)).toEqual([]);
    });

    it("fails with a message naming the resource", () => {
      const results = runPrechecks(scenario(testCase.fail));
      const result = resultFor(results, code);
      expect(result.ok).toBe(false);
      expect(result.message.startsWith(`${code}: `)).toBe(true);
      for (const name of testCase.names) expect(result.message).toContain(name);
      // Only this check fails: the scenario isolates it.
      expect(failedChecks(results).map((failed) => failed.code)).toEqual([code]);
    });
  });
});
