import { describe, expect, it } from "vitest";
import { domainFlags } from "./flags";

describe("domainFlags (ldm list FLAGS)", () => {
  it("a running domain is normal", () => {
    expect(domainFlags({ state: "active", delayedReconfig: false, migration: null })).toBe("-n----");
  });

  it("the source of a migration, suspended for the stop-and-copy: -n---s", () => {
    expect(domainFlags({ state: "suspended", delayedReconfig: false, migration: "s" })).toBe("-n---s");
    expect(domainFlags({ state: "active", delayedReconfig: false, migration: "s" })).toBe("-n---s");
  });

  it("the target's copy, bound until hand-off: -----t", () => {
    expect(domainFlags({ state: "bound", delayedReconfig: false, migration: "t" })).toBe("-----t");
  });

  it("an error in a migration: e in the 6th position", () => {
    expect(domainFlags({ state: "active", delayedReconfig: false, migration: "e" })).toBe("-n---e");
    expect(domainFlags({ state: "bound", delayedReconfig: false, migration: "e" })).toBe("-----e");
  });

  it("a delayed reconfiguration: d in the 3rd position", () => {
    expect(domainFlags({ state: "active", delayedReconfig: true, migration: null })).toBe("-nd---");
    expect(domainFlags({ state: "inactive", delayedReconfig: true, migration: null })).toBe("--d---");
  });

  it("starting or stopping, control domain and I/O service domain", () => {
    expect(
      domainFlags({
        state: "active",
        delayedReconfig: false,
        control: true,
        ioService: true,
        transitioning: true,
        migration: null,
      }),
    ).toBe("sn-cv-");
    expect(domainFlags({ state: "active", delayedReconfig: false, control: true, migration: null })).toBe(
      "-n-c--",
    );
  });

  it("inactive and bound domains are not normal", () => {
    expect(domainFlags({ state: "inactive", delayedReconfig: false, migration: null })).toBe("------");
    expect(domainFlags({ state: "bound", delayedReconfig: false, migration: null })).toBe("------");
  });

  it("is always six characters", () => {
    for (const state of ["active", "bound", "inactive", "suspended"] as const) {
      for (const migration of ["s", "t", "e", null] as const) {
        expect(domainFlags({ state, delayedReconfig: true, control: true, migration })).toHaveLength(6);
      }
    }
  });
});
