import { describe, expect, it } from "vitest";
import type { DomainFacts, HostFacts, PrecheckInput } from "../facts";
import { cpuCompatible, hypervisorMatches, subnetMatches } from "./platform";

function host(name: string, model = "SPARC-T4", mhz = 2850, genericArch?: boolean): HostFacts {
  return {
    name,
    hypervisor: "ldoms 3.6",
    subnet: "10.0.0.0/24",
    cpu: { model, mhz, freeStrands: 64, genericArch },
    memory: { freeMiB: 16384 },
    switches: [],
    volumes: {},
  };
}

function input(source: HostFacts, target: HostFacts | null, cpuArch: DomainFacts["cpuArch"]): PrecheckInput {
  return {
    source,
    target,
    domain: {
      name: "ldg1",
      state: "active",
      vcpus: 4,
      memoryMiB: 4096,
      cpuArch,
      switches: [],
      volumes: [],
      directIO: [],
      cryptoUnits: 0,
    },
  };
}

describe("cpuCompatible (CPU_INCOMPATIBLE)", () => {
  it("passes between identical processors whatever the cpu-arch", () => {
    for (const arch of ["native", "generic"] as const) {
      expect(cpuCompatible(input(host("host1"), host("host2"), arch))).toMatchObject({
        code: "CPU_INCOMPATIBLE",
        ok: true,
        message: "both hosts have SPARC-T4 at 2850 MHz",
      });
    }
  });

  it("fails across models or frequencies with cpu-arch=native", () => {
    const across = cpuCompatible(input(host("host1"), host("host2", "SPARC-T5", 3600), "native"));
    expect(across?.ok).toBe(false);
    expect(across?.message).toContain("target host2 has SPARC-T5 at 3600 MHz, source SPARC-T4 at 2850 MHz");
    expect(across?.message).toContain("set cpu-arch=generic");
    expect(cpuCompatible(input(host("host1"), host("host2", "SPARC-T4", 1600), "native"))?.ok).toBe(false);
  });

  it("passes across CPU models with cpu-arch=generic when both hosts support it (or do not say)", () => {
    for (const [s, t] of [
      [true, true],
      [undefined, undefined],
      [true, undefined],
    ] as const) {
      const result = cpuCompatible(
        input(host("host1", "SPARC-T4", 2850, s), host("host2", "M7", 4133, t), "generic"),
      );
      expect(result).toMatchObject({ ok: true });
      expect(result?.message).toBe("cpu-arch=generic: SPARC-T4 at 2850 MHz to M7 at 4133 MHz allowed");
    }
  });

  it("fails with cpu-arch=generic when the target does not support it, naming the target", () => {
    const result = cpuCompatible(
      input(host("host1", "SPARC-T4", 2850, true), host("host2", "M7", 4133, false), "generic"),
    );
    expect(result).toEqual({
      code: "CPU_INCOMPATIBLE",
      ok: false,
      message: "CPU_INCOMPATIBLE: host host2 does not support cpu-arch=generic",
    });
  });

  it("fails with cpu-arch=generic when the source does not support it, naming the source", () => {
    const result = cpuCompatible(
      input(host("host1", "SPARC-T4", 2850, false), host("host2", "M7", 4133, true), "generic"),
    );
    expect(result?.message).toBe("CPU_INCOMPATIBLE: host host1 does not support cpu-arch=generic");
  });

  it("is left out without a target", () => {
    expect(cpuCompatible(input(host("host1"), null, "native"))).toBeNull();
  });
});

describe("hypervisorMatches and subnetMatches", () => {
  it("compare kind and release, and are left out when either side is unknown", () => {
    const source = host("host1");
    const target = host("host2");
    expect(hypervisorMatches(input(source, target, "native"))?.ok).toBe(true);
    target.hypervisor = "xvm 3.4";
    expect(hypervisorMatches(input(source, target, "native"))?.message).toBe(
      "HYPERVISOR_MISMATCH: target host2 runs xvm 3.4, source runs ldoms 3.6",
    );
    target.hypervisor = undefined;
    expect(hypervisorMatches(input(source, target, "native"))).toBeNull();
    expect(hypervisorMatches(input(source, null, "native"))).toBeNull();
  });

  it("subnets: equal passes, different fails, null on either side is left out", () => {
    const source = host("host1");
    const target = host("host2");
    expect(subnetMatches(input(source, target, "native"))?.ok).toBe(true);
    target.subnet = "192.168.1.0/24";
    expect(subnetMatches(input(source, target, "native"))?.message).toBe(
      "SUBNET_MISMATCH: target host2 is on 192.168.1.0/24, source on 10.0.0.0/24",
    );
    source.subnet = null;
    expect(subnetMatches(input(source, target, "native"))).toBeNull();
  });
});
