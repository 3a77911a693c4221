import { describe, expect, it } from "vitest";
import { domainState, holdsResources } from "./domain-state";
import type { QemuDomain } from "./qemu-domain";

function domain(incoming: QemuDomain["incoming"] = null): QemuDomain {
  return {
    name: "g1",
    vcpus: 1,
    memoryMiB: 128,
    cpuArch: "native",
    networks: [],
    disks: [],
    workload: { dirtyRateMiBps: 0, wwsMiB: 0 },
    consolePort: null,
    bootedAt: null,
    pausedByMigration: false,
    incoming,
  };
}

describe("domainState", () => {
  it("reads a domain of its own from its QEMU's run state", () => {
    expect(domainState(domain(), "running")).toBe("active");
    for (const paused of ["paused", "postmigrate", "finish-migrate", "inmigrate", "shutdown"] as const)
      expect(domainState(domain(), paused)).toBe("suspended");
    expect(domainState(domain(), "exited")).toBe("inactive");
    expect(domainState(domain(), null)).toBe("inactive");
  });

  it("shows a live or warm copy under construction as bound, whatever its QEMU does", () => {
    const copy = domain({ migrationId: "m1", kind: "live", arrivesAs: "active" });
    expect(domainState(copy, "inmigrate")).toBe("bound");
    expect(domainState(copy, "paused")).toBe("bound");
    expect(domainState(copy, null)).toBe("bound");
    expect(holdsResources(copy, null)).toBe(true);
  });

  it("shows a cold copy as the definition it is", () => {
    const copy = domain({ migrationId: "m1", kind: "cold", arrivesAs: "inactive" });
    expect(domainState(copy, null)).toBe("inactive");
    expect(holdsResources(copy, null)).toBe(false);
  });
});
