import { describe, expect, it } from "vitest";
import type { PrecheckCode, PrecheckResult } from "./codes";
import type { DomainFacts, HostFacts, PrecheckInput } from "./facts";
import { failedChecks, runPrechecks } from "./run-prechecks";

/**
 * How runPrechecks reports: every failure together, checks without facts left out, inactive
 * domains spared the capacity checks. The catalogue itself is in run-prechecks.test.ts.
 */

/** A source, a target and a domain on which every check runs and passes. */
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
        delete s.target.delayedReconfig;
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
