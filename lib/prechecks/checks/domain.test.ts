import { describe, expect, it } from "vitest";
import type { MigrationKind } from "../../schemas/migration";
import type { DomainFacts, HostFacts, PrecheckInput } from "../facts";
import {
  cryptoSingleVcpu,
  kindSuitsState,
  nameFree,
  noDelayedReconfig,
  notBusy,
  notDirectIO,
} from "./domain";

function host(name: string, extra: Partial<HostFacts> = {}): HostFacts {
  return {
    name,
    cpu: { model: "T4", mhz: 2850, freeStrands: 8 },
    memory: { freeMiB: 8192 },
    switches: [],
    volumes: {},
    ...extra,
  };
}

function input(domain: Partial<DomainFacts> = {}, extra: Partial<PrecheckInput> = {}): PrecheckInput {
  return {
    source: host("host1"),
    target: host("host2"),
    domain: {
      name: "ldg1",
      state: "active",
      vcpus: 1,
      memoryMiB: 1024,
      cpuArch: "native",
      switches: [],
      volumes: [],
      directIO: [],
      cryptoUnits: 0,
      ...domain,
    },
    ...extra,
  };
}

type State = DomainFacts["state"];

describe("kindSuitsState (KIND_UNSUITABLE)", () => {
  const matrix: [MigrationKind, State, boolean][] = [
    ["cold", "inactive", true],
    ["cold", "bound", true],
    ["cold", "active", false],
    ["live", "active", true],
    ["live", "inactive", false],
    ["live", "bound", false],
    ["live", "suspended", false],
    ["warm", "active", true],
    ["warm", "suspended", true],
    ["warm", "inactive", false],
    ["warm", "bound", false],
  ];

  it.each(matrix)("%s migration of a %s domain: ok=%s", (kind, state, ok) => {
    const result = kindSuitsState(input({ state }, { kind }));
    expect(result?.code).toBe("KIND_UNSUITABLE");
    expect(result?.ok).toBe(ok);
    if (!ok)
      expect(result?.message).toMatch(new RegExp(`^KIND_UNSUITABLE: domain ldg1 is ${state}; a ${kind}`));
  });

  it("tells the admin what to use instead", () => {
    expect(kindSuitsState(input({ state: "active" }, { kind: "cold" }))?.message).toContain(
      "use live or warm",
    );
    expect(kindSuitsState(input({ state: "inactive" }, { kind: "live" }))?.message).toContain("use cold");
  });

  it("refuses a cold migration of a suspended domain (it would lose its memory) and suggests warm", () => {
    const result = kindSuitsState(input({ state: "suspended" }, { kind: "cold" }));
    expect(result?.ok).toBe(false);
    expect(result?.message).toContain("use warm");
  });

  it("is left out when no kind is given", () => {
    expect(kindSuitsState(input())).toBeNull();
  });
});

describe("domain-intrinsic checks", () => {
  it("DIRECT_IO_DOMAIN lists the devices", () => {
    expect(notDirectIO(input())).toMatchObject({ ok: true });
    expect(notDirectIO(input({ directIO: ["pci@400"] }))?.message).toBe(
      "DIRECT_IO_DOMAIN: domain ldg1 has direct access to physical devices (pci@400): an I/O domain cannot migrate",
    );
  });

  it("CRYPTO_MULTI_VCPU only with crypto units and more than one VCPU", () => {
    expect(cryptoSingleVcpu(input({ cryptoUnits: 0, vcpus: 8 }))?.ok).toBe(true);
    expect(cryptoSingleVcpu(input({ cryptoUnits: 2, vcpus: 1 }))?.ok).toBe(true);
    expect(cryptoSingleVcpu(input({ cryptoUnits: 2, vcpus: 2 }))?.message).toContain(
      "domain ldg1 has 2 bound crypto unit(s) and 2 VCPUs",
    );
  });

  it("DELAYED_RECONFIG names every place a reconfiguration is pending", () => {
    const everywhere = input(
      { delayedReconfig: true },
      { source: host("host1", { delayedReconfig: true }), target: host("host2", { delayedReconfig: true }) },
    );
    expect(noDelayedReconfig(everywhere)?.message).toBe(
      "DELAYED_RECONFIG: a delayed reconfiguration is pending on domain ldg1 and source host1 and target host2",
    );
    const onSource = input({}, { source: host("host1", { delayedReconfig: true }) });
    expect(noDelayedReconfig(onSource)?.message).toContain("source host1");
    expect(noDelayedReconfig(input({ delayedReconfig: false }))?.ok).toBe(true);
    expect(noDelayedReconfig(input())).toBeNull();
  });

  it("DOMAIN_BUSY says why; left out when unknown", () => {
    expect(notBusy(input({ busy: null }))?.ok).toBe(true);
    expect(notBusy(input({ busy: "migration 9f in phase handoff" }))?.message).toBe(
      "DOMAIN_BUSY: domain ldg1 is busy: migration 9f in phase handoff",
    );
    expect(notBusy(input())).toBeNull();
  });

  it("NAME_TAKEN looks up the new name of a rename", () => {
    const target = host("host2", { domainNames: ["ldg1", "ldg2"] });
    expect(nameFree(input({}, { target }))?.message).toBe(
      "NAME_TAKEN: target host2 already has a domain named ldg1 (migrate as ldg1@target:newname to rename)",
    );
    expect(nameFree(input({}, { target, targetName: "ldg3" }))?.ok).toBe(true);
    expect(nameFree(input({}, { target, targetName: "ldg2" }))?.message).toContain("named ldg2");
    expect(nameFree(input())).toBeNull();
  });
});
