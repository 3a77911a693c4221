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

const CATALOGUE: Record<PrecheckCode, Case> = {
  SAME_HOST: {
    fail: (s) => {
      s.target.name = "host1";
    },
    names: ["same host", "host1"],
  },
  TARGET_UNREACHABLE: {
    fail: (s) => {
      s.reach = { status: "unreachable", message: "connect ECONNREFUSED 10.0.0.2:7070" };
      s.target = null as unknown as HostFacts;
    },
    names: ["ECONNREFUSED 10.0.0.2:7070"],
  },
  AUTH_FAILED: {
    fail: (s) => {
      s.reach = { status: "auth-failed", message: "host2 rejected the token for host1" };
    },
    names: ["host2 rejected the token for host1"],
  },
  NOT_ALLOWED_BY_TARGET: {
    fail: (s) => {
      s.reach = { status: "not-allowed", message: "host2 accepts migrations only from ^host9\\.?.*$" };
    },
    names: ["^host9\\.?.*$"],
  },
  HYPERVISOR_MISMATCH: {
    fail: (s) => {
      s.target.hypervisor = "ldoms 3.5";
    },
    names: ["host2", "ldoms 3.5", "ldoms 3.6"],
  },
  SUBNET_MISMATCH: {
    fail: (s) => {
      s.target.subnet = "10.0.1.0/24";
    },
    names: ["host2", "10.0.1.0/24", "10.0.0.0/24"],
  },
  CPU_INCOMPATIBLE: {
    pass: (s) => {
      s.target.cpu.model = "SPARC-T5";
      s.target.cpu.mhz = 3600;
      s.domain.cpuArch = "generic";
    },
    fail: (s) => {
      s.target.cpu.mhz = 1600;
    },
    names: ["host2", "SPARC-T4 at 1600 MHz", "SPARC-T4 at 2850 MHz", "ldg1", "cpu-arch=native"],
  },
  INSUFFICIENT_CPU: {
    pass: (s) => {
      s.target.cpu.freeStrands = 4; // exactly enough
    },
    fail: (s) => {
      s.target.cpu.freeStrands = 3;
    },
    names: ["host2", "3 free strands", "ldg1", "needs 4"],
  },
  INSUFFICIENT_MEMORY: {
    pass: (s) => {
      s.target.memory = { freeMiB: 4096, freeBlocksMiB: [4096] }; // exactly enough
    },
    fail: (s) => {
      s.target.memory = { freeMiB: 1024, freeBlocksMiB: [1024] };
    },
    names: ["host2", "1G free memory", "ldg1", "needs 4G"],
  },
  MEMORY_LAYOUT_INCOMPATIBLE: {
    pass: (s) => {
      s.domain.memoryMiB = 2048;
      s.domain.memoryBlocks = [
        { sizeMiB: 1024, realAddress: "0x8000000" },
        { sizeMiB: 1024, realAddress: "0x48000000" },
      ];
      s.target.memory = { freeMiB: 2048, freeBlocksMiB: [1024, 1024] };
    },
    fail: (s) => {
      s.domain.memoryMiB = 2048;
      s.domain.memoryBlocks = [{ sizeMiB: 2048, realAddress: "0x8000000" }];
      s.target.memory = { freeMiB: 2048, freeBlocksMiB: [1024, 1024] };
    },
    names: ["Unable to bind 2G memory region at real address 0x8000000", "host2"],
  },
  SWITCH_MISSING: {
    fail: (s) => {
      s.domain.switches = ["primary-vsw0", "backup-vsw1"];
    },
    names: ["virtual switch backup-vsw1", "ldg1", "host2"],
  },
  NIC_MISSING: {
    fail: (s) => {
      s.domain.bridges = ["nxge0", "e1000g1"];
    },
    names: ["e1000g1", "ldg1", "host2"],
  },
  VOLUME_MISSING: {
    fail: (s) => {
      s.domain.volumes = ["vol1", "vol2"];
      s.source.volumes.vol2 = "san-a/lun2";
    },
    names: ["volume vol2", "ldg1", "host2"],
  },
  VOLUME_STORAGE_MISMATCH: {
    fail: (s) => {
      s.target.volumes.vol1 = "san-a/lun9";
    },
    names: ["vol1", "san-a/lun9", "san-a/lun1", "host1", "host2"],
  },
  STORAGE_NOT_SHARED: {
    fail: (s) => {
      s.target.storage = ["san-b"];
    },
    names: ["san-a/lun1", "ldg1", "host2"],
  },
  NO_CONSOLE_PORT: {
    pass: (s) => {
      s.target.freeConsolePorts = 1;
    },
    fail: (s) => {
      s.target.freeConsolePorts = 0;
    },
    names: ["host2", "console concentrator"],
  },
  MAC_CONFLICT: {
    fail: (s) => {
      s.target.macsInUse = ["00:14:4F:FA:00:01"]; // same address, other case
    },
    names: ["00:14:4f:fa:00:01", "ldg1", "host2"],
  },
  DIRECT_IO_DOMAIN: {
    fail: (s) => {
      s.domain.directIO = ["pci@400", "niu@480"];
    },
    names: ["ldg1", "pci@400, niu@480"],
  },
  CRYPTO_MULTI_VCPU: {
    pass: (s) => {
      s.domain.cryptoUnits = 1;
      s.domain.vcpus = 1;
    },
    fail: (s) => {
      s.domain.cryptoUnits = 1;
    },
    names: ["ldg1", "1 bound crypto unit(s)", "4 VCPUs"],
  },
  DELAYED_RECONFIG: {
    fail: (s) => {
      s.target.delayedReconfig = true;
    },
    names: ["target host2"],
  },
  DOMAIN_BUSY: {
    fail: (s) => {
      s.domain.busy = "migration 1a2b in phase transfer";
    },
    names: ["ldg1", "migration 1a2b in phase transfer"],
  },
  NAME_TAKEN: {
    pass: (s) => {
      s.target.domainNames = ["primary", "ldg1"];
      s.targetName = "ldg1-moved";
    },
    fail: (s) => {
      s.target.domainNames = ["primary", "ldg1"];
    },
    names: ["host2", "ldg1"],
  },
  KIND_UNSUITABLE: {
    pass: (s) => {
      s.kind = "warm";
    },
    fail: (s) => {
      s.kind = "cold";
    },
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

describe("runPrechecks: reporting", () => {
  it("reports every failure together, in check order", () => {
    const results = runPrechecks(
      scenario((s) => {
        s.target.memory = { freeMiB: 1024, freeBlocksMiB: [1024] };
        s.domain.switches = ["primary-vsw0", "backup-vsw1"];
        s.target.macsInUse = ["00:14:4f:fa:00:01"];
        s.domain.directIO = ["pci@400"];
        s.domain.busy = "migration 77 in phase prepare";
      }),
    );
    const failed = failedChecks(results);
    expect(failed.map((result) => result.code)).toEqual([
      "INSUFFICIENT_MEMORY",
      "SWITCH_MISSING",
      "MAC_CONFLICT",
      "DIRECT_IO_DOMAIN",
      "DOMAIN_BUSY",
    ]);
    expect(failed.every((result) => !result.ok)).toBe(true);
    // The passed checks are still reported alongside.
    expect(results.length).toBeGreaterThan(failed.length);
    expect(resultFor(results, "VOLUME_MISSING").ok).toBe(true);
  });

  it("failedChecks keeps only the failures", () => {
    const results: PrecheckResult[] = [
      { code: "SAME_HOST", ok: true, message: "fine" },
      { code: "NAME_TAKEN", ok: false, message: "NAME_TAKEN: taken" },
    ];
    expect(failedChecks(results)).toEqual([results[1]]);
    expect(failedChecks([])).toEqual([]);
  });

  it("leaves out the connection checks when there is no handshake (no reach)", () => {
    const codes = runPrechecks(scenario((s) => delete s.reach)).map((result) => result.code);
    expect(codes).not.toContain("TARGET_UNREACHABLE");
    expect(codes).not.toContain("AUTH_FAILED");
    expect(codes).not.toContain("NOT_ALLOWED_BY_TARGET");
    expect(codes).toContain("SAME_HOST");
  });

  it("leaves out every check whose facts are undefined", () => {
    const results = runPrechecks(
      scenario((s) => {
        delete s.reach;
        delete s.kind;
        delete s.source.hypervisor;
        s.target.subnet = null;
        delete s.target.memory.freeBlocksMiB;
        delete s.target.nics;
        delete s.target.storage;
        delete s.target.freeConsolePorts;
        delete s.target.macsInUse;
        delete s.target.domainNames;
        delete s.source.delayedReconfig;
        delete s.domain.delayedReconfig;
        delete s.domain.busy;
      }),
    );
    expect(results.map((result) => result.code).sort()).toEqual(
      [
        "SAME_HOST",
        "CPU_INCOMPATIBLE",
        "INSUFFICIENT_CPU",
        "INSUFFICIENT_MEMORY",
        "SWITCH_MISSING",
        "VOLUME_MISSING",
        "VOLUME_STORAGE_MISMATCH",
        "DIRECT_IO_DOMAIN",
        "CRYPTO_MULTI_VCPU",
      ].sort(),
    );
  });

  it("runs only the checks on the domain and the source when the target could not be asked", () => {
    const results = runPrechecks(
      scenario((s) => {
        s.target = null as unknown as HostFacts;
        s.reach = { status: "unreachable", message: "timeout after 5000 ms" };
      }),
    );
    expect(results.map((result) => result.code)).toEqual([
      "TARGET_UNREACHABLE",
      "DIRECT_IO_DOMAIN",
      "CRYPTO_MULTI_VCPU",
      "DELAYED_RECONFIG",
      "DOMAIN_BUSY",
      "KIND_UNSUITABLE",
    ]);
    expect(failedChecks(results).map((result) => result.code)).toEqual(["TARGET_UNREACHABLE"]);
  });

  it("skips the CPU and memory checks for an inactive domain, however short the target is", () => {
    const results = runPrechecks(
      scenario((s) => {
        s.domain.state = "inactive";
        s.kind = "cold";
        s.target.cpu.freeStrands = 0;
        s.target.cpu.freeCores = 0;
        s.target.memory = { freeMiB: 0, freeBlocksMiB: [] };
      }),
    );
    const codes = results.map((result) => result.code);
    expect(codes).not.toContain("INSUFFICIENT_CPU");
    expect(codes).not.toContain("INSUFFICIENT_MEMORY");
    expect(codes).not.toContain("MEMORY_LAYOUT_INCOMPATIBLE");
    expect(failedChecks(results)).toEqual([]);
  });

  it("still checks CPU and memory for a bound domain (it holds resources)", () => {
    const results = runPrechecks(
      scenario((s) => {
        s.domain.state = "bound";
        s.kind = "cold";
        s.target.cpu.freeStrands = 0;
        s.target.memory = { freeMiB: 0, freeBlocksMiB: [] };
      }),
    );
    expect(failedChecks(results).map((result) => result.code)).toEqual([
      "INSUFFICIENT_CPU",
      "INSUFFICIENT_MEMORY",
    ]);
  });
});
