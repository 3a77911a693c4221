import { describe, expect, it } from "vitest";
import type { Host } from "../schemas/host";
import { type PlannerPolicy, plannerInput } from "./planner-input";
import { fakeDomain, fakeHostView, fakeSnapshot } from "./test-fixtures";

function host(name: string, extra: Partial<Host["cpu"]> = {}): Host {
  return {
    name,
    driver: "sim",
    hypervisor: { kind: "ldoms", version: "3.6" },
    subnet: "10.0.0.0/24",
    cpu: {
      model: "SPARC-T4",
      mhz: 2848,
      strandsTotal: 64,
      strandsFree: 60,
      threadsPerCore: 8,
      coresFree: 7,
      wholeCores: false,
      genericArch: true,
      usedStrands: 1,
      ...extra,
    },
    memory: {
      totalMiB: 65536,
      freeMiB: 60000,
      freeBlocks: [{ address: "0x0", sizeMiB: 60000, use: "free" }],
      layout: [],
    },
    switches: [{ name: "primary-vsw0", nic: "net0" }],
    nics: ["net0"],
    volumes: [{ name: "vol1", storage: "san/lun1" }],
    storage: ["san"],
    console: { name: "primary-vcc0", firstPort: 5000, lastPort: 5009, freePorts: [5001, 5002] },
    delayedReconfig: false,
    domains: { total: 2, active: 2 },
  };
}

const policy: PlannerPolicy = {
  goal: "balance",
  evacuate: [],
  aggressiveness: 3,
  cpuOvercommit: 1,
  maxParallelPerHost: 2,
  linkMiBps: 119.2,
  targetUtilization: 0.8,
};

describe("plannerInput", () => {
  const snapshot = fakeSnapshot([
    fakeHostView("h1", [fakeDomain("a", { vcpus: 2 }), fakeDomain("b", { vcpus: 2, state: "inactive" })], {
      host: host("h1"),
    }),
    fakeHostView("h2", [], { host: host("h2") }),
    fakeHostView("h3", [], { reachable: false, host: null, error: "no answer" }),
  ]);

  it("gives the guests what is free plus what they hold, and leaves unreachable hosts out", () => {
    const input = plannerInput(snapshot, { rules: [], policy, maintenance: ["h2"] });
    expect(input.hosts.map((h) => h.name)).toEqual(["h1", "h2"]);
    // Only the active domain holds strands and memory; the inactive one holds none.
    expect(input.hosts[0]).toMatchObject({ cpu: { strands: 62 }, memoryMiB: 61024, consolePorts: 2 });
    expect(input.hosts[1]).toMatchObject({
      maintenance: true,
      hypervisor: "ldoms 3.6",
      volumes: { vol1: "san/lun1" },
    });
    expect(input.domains.map((d) => [d.name, d.host, d.state])).toEqual([
      ["a", "h1", "active"],
      ["b", "h1", "inactive"],
    ]);
  });

  it("holds domains being migrated where they are, leaves their incoming copy out, and trims rules to what it knows", () => {
    const moving = fakeSnapshot([
      fakeHostView("h1", [fakeDomain("a", { migration: { id: "m", role: "source", phase: "transfer" } })], {
        host: host("h1"),
      }),
      fakeHostView("h2", [fakeDomain("a", { migration: { id: "m", role: "target", phase: "transfer" } })], {
        host: host("h2"),
      }),
    ]);
    const input = plannerInput(moving, {
      rules: [
        { kind: "anti-affinity", domains: ["a", "gone"] },
        { kind: "pin", domain: "a", hosts: ["h2", "h9"] },
      ],
      policy: { ...policy, evacuate: ["h1", "h9"] },
      maintenance: [],
    });
    expect(input.domains.map((d) => d.host)).toEqual(["h1"]);
    expect(input.rules).toEqual([
      { kind: "pin", domain: "a", hosts: ["h2"] },
      { kind: "exclude", domain: "a" },
    ]);
    expect(input.policy.evacuate).toEqual(["h1"]);
  });
});
