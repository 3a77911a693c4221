import { describe, expect, it } from "vitest";
import { plan } from "./plan";
import type { Plan } from "./plan-types";
import type { Snapshot, SnapshotDomain } from "./snapshot-schema";
import { domainsOn, fakeDomain, fakeHost, fakeSnapshot } from "./test-fixtures";
import { verifyPlan } from "./verify-plan";

/**
 * One test per hard constraint: a hot host next to an idle one, so that balance wants to move,
 * and a constraint that forbids some of those moves. The plan must keep it (and pass the
 * independent check), while still moving what it may, so the test would notice a planner that
 * kept the constraint only by doing nothing.
 */

function checked(snapshot: Snapshot): Plan {
  const result = plan(snapshot);
  expect(verifyPlan(snapshot, result)).toEqual([]);
  return result;
}

/** h1 full of `hot` domains, h2 idle except what a test puts there. */
function hotAndIdle(
  hot: SnapshotDomain[],
  idle: Partial<ReturnType<typeof fakeHost>> = {},
  extra: SnapshotDomain[] = [],
) {
  return {
    hosts: [fakeHost("h1", { memoryMiB: 128 * 1024 }), fakeHost("h2", { memoryMiB: 128 * 1024, ...idle })],
    domains: [...hot, ...extra],
  };
}

const movedTo = (result: Plan, host: string) =>
  result.moves.filter((move) => move.to === host).map((move) => move.domain);

describe("hard constraints: a plan never breaks one", () => {
  it("CPU_INCOMPATIBLE: only cpu-arch=generic domains cross to another CPU type", () => {
    const hot = [...domainsOn("h1", 6, "n"), ...domainsOn("h1", 6, "g", { cpuArch: "generic" })];
    const { hosts, domains } = hotAndIdle(hot, { cpu: { model: "SPARC-T5", mhz: 3600, strands: 64 } });
    const result = checked(fakeSnapshot(hosts, domains));
    expect(movedTo(result, "h2").length).toBeGreaterThan(0);
    expect(movedTo(result, "h2").every((name) => name.startsWith("g"))).toBe(true);
  });

  it("HYPERVISOR_MISMATCH: nothing goes to another hypervisor release", () => {
    const hot = domainsOn("h1", 12, "g", { cpuArch: "generic" });
    const { hosts, domains } = hotAndIdle(hot, { hypervisor: "ldoms-3.5" });
    expect(checked(fakeSnapshot(hosts, domains)).moves).toEqual([]);
  });

  it("SWITCH_MISSING, VOLUME_MISSING, VOLUME_STORAGE_MISMATCH: only domains whose network and disks are there move", () => {
    const hot = [
      ...domainsOn("h1", 4, "ok"),
      ...domainsOn("h1", 4, "net", { switches: ["primary-vsw0", "vsw-backup"] }),
      ...domainsOn("h1", 4, "disk", { volumes: ["vol1", "vol2"] }),
      ...domainsOn("h1", 4, "san", { volumes: ["vol3"] }),
    ];
    const h1Volumes = { vol1: "san-a/lun1", vol2: "san-a/lun2", vol3: "san-a/lun3" };
    const snapshot = fakeSnapshot(
      [
        fakeHost("h1", {
          memoryMiB: 160 * 1024,
          switches: ["primary-vsw0", "vsw-backup"],
          volumes: h1Volumes,
        }),
        fakeHost("h2", { memoryMiB: 160 * 1024, volumes: { vol1: "san-a/lun1", vol3: "san-b/lun3" } }),
      ],
      hot,
    );
    const result = checked(snapshot);
    expect(movedTo(result, "h2").length).toBeGreaterThan(0);
    expect(movedTo(result, "h2").every((name) => name.startsWith("ok"))).toBe(true);
  });

  it("INSUFFICIENT_CPU: strands within cpuOvercommit", () => {
    const hot = domainsOn("h1", 12, "d", { vcpus: 4, cpuUsed: 0 });
    const { hosts, domains } = hotAndIdle(hot, { cpu: { model: "SPARC-T4", mhz: 2848, strands: 8 } });
    expect(movedTo(checked(fakeSnapshot(hosts, domains)), "h2")).toHaveLength(2);
    expect(movedTo(checked(fakeSnapshot(hosts, domains, { cpuOvercommit: 2 })), "h2").length).toBeGreaterThan(
      2,
    );
  });

  it("INSUFFICIENT_MEMORY: never more than the target's free memory", () => {
    const hot = domainsOn("h1", 12, "d");
    const { hosts, domains } = hotAndIdle(hot, { memoryMiB: 20 * 1024 });
    expect(movedTo(checked(fakeSnapshot(hosts, domains)), "h2")).toHaveLength(2);
  });

  it("MEMORY_LAYOUT_INCOMPATIBLE: a block needs a free range of its size", () => {
    const hot = [
      ...domainsOn("h1", 6, "one"),
      ...domainsOn("h1", 6, "two", { memoryBlocksMiB: [4096, 4096] }),
    ];
    const { hosts, domains } = hotAndIdle(hot, { freeMemoryBlocksMiB: Array(16).fill(4096) });
    const result = checked(fakeSnapshot(hosts, domains));
    expect(movedTo(result, "h2").length).toBeGreaterThan(0);
    expect(movedTo(result, "h2").every((name) => name.startsWith("two"))).toBe(true);
  });

  it("NO_CONSOLE_PORT: one arrival per free console port", () => {
    const { hosts, domains } = hotAndIdle(domainsOn("h1", 12, "d"), { consolePorts: 1 });
    expect(movedTo(checked(fakeSnapshot(hosts, domains)), "h2")).toHaveLength(1);
  });

  it("DIRECT_IO_DOMAIN and CRYPTO_MULTI_VCPU: never moved; listed unplaceable when their host must empty", () => {
    const domains = [
      fakeDomain("io", "h1", { directIO: true }),
      fakeDomain("crypto8", "h1", { cryptoUnits: 1, vcpus: 8 }),
      fakeDomain("crypto1", "h1", { cryptoUnits: 1, vcpus: 1 }),
    ];
    const snapshot = fakeSnapshot([fakeHost("h1"), fakeHost("h2")], domains, {
      goal: "evacuate",
      evacuate: ["h1"],
    });
    const result = checked(snapshot);
    expect(result.moves.map((move) => move.domain)).toEqual(["crypto1"]);
    expect(result.unplaceable.map((entry) => [entry.domain, entry.failed[0]?.code])).toEqual([
      ["io", "DIRECT_IO_DOMAIN"],
      ["crypto8", "CRYPTO_MULTI_VCPU"],
    ]);
    expect(result.unplaceable[0]?.reason).toContain(
      "DIRECT_IO_DOMAIN: domain io has direct access to physical devices",
    );
  });

  it("affinity: a group moves whole, to one host, or not at all", () => {
    const hot = domainsOn("h1", 12, "d");
    const { hosts, domains } = hotAndIdle(hot);
    const rules = [{ kind: "affinity" as const, domains: ["d1", "d2", "d3"] }];
    const result = checked(fakeSnapshot(hosts, domains, {}, rules));
    const group = result.moves.filter((move) => ["d1", "d2", "d3"].includes(move.domain));
    expect([0, 3]).toContain(group.length);
    const evacuated = checked(
      fakeSnapshot(
        [...hosts, fakeHost("h3", { memoryMiB: 20 * 1024 })],
        domains,
        { goal: "evacuate", evacuate: ["h1"] },
        rules,
      ),
    );
    const targets = new Set(
      evacuated.moves.filter((move) => ["d1", "d2", "d3"].includes(move.domain)).map((move) => move.to),
    );
    expect(targets).toEqual(new Set(["h2"]));
    expect(evacuated.moves.find((move) => move.domain === "d1")?.explanation.group).toEqual(["d2", "d3"]);
  });

  it("anti-affinity: never onto a host holding its partner, not even for a wave", () => {
    const { hosts, domains } = hotAndIdle(domainsOn("h1", 12, "d"), {}, [
      fakeDomain("partner", "h2", { cpuUsed: 0.1, memoryMiB: 1024 }),
    ]);
    const rules = [
      { kind: "anti-affinity" as const, domains: ["d1", "d2", "d3", "d4", "d5", "d6", "partner"] },
    ];
    const result = checked(fakeSnapshot(hosts, domains, {}, rules));
    expect(movedTo(result, "h2").length).toBeGreaterThan(0);
    expect(movedTo(result, "h2").filter((name) => rules[0]?.domains.includes(name))).toEqual([]);
  });

  it("pin: only to the hosts named; a domain found off them is brought back", () => {
    const hosts = [
      fakeHost("h1", { memoryMiB: 128 * 1024 }),
      fakeHost("h2", { memoryMiB: 128 * 1024 }),
      fakeHost("h3", { memoryMiB: 128 * 1024 }),
    ];
    const domains = [...domainsOn("h1", 12, "d"), fakeDomain("stray", "h2", { memoryMiB: 1024 })];
    const rules = [
      ...["d1", "d2", "d3", "d4", "d5", "d6"].map((domain) => ({
        kind: "pin" as const,
        domain,
        hosts: ["h1", "h3"],
      })),
      { kind: "pin" as const, domain: "stray", hosts: ["h3"] },
    ];
    const result = checked(fakeSnapshot(hosts, domains, {}, rules));
    for (const move of result.moves) {
      const pin = rules.find((rule) => rule.domain === move.domain);
      if (pin) expect(pin.hosts).toContain(move.to);
    }
    expect(result.moves.find((move) => move.domain === "stray")).toMatchObject({ from: "h2", to: "h3" });
  });

  it("exclude: never moved, and unplaceable rather than dropped when its host must empty", () => {
    const { hosts, domains } = hotAndIdle(domainsOn("h1", 12, "d"));
    const rules = domains.slice(0, 11).map((domain) => ({ kind: "exclude" as const, domain: domain.name }));
    const result = checked(fakeSnapshot(hosts, domains, {}, rules));
    expect(result.moves.map((move) => move.domain)).toEqual(["d12"]);
    const evacuated = checked(fakeSnapshot(hosts, domains, { goal: "evacuate", evacuate: ["h1"] }, rules));
    expect(evacuated.unplaceable).toHaveLength(11);
    expect(evacuated.unplaceable[0]?.failed[0]?.code).toBe("RULE_EXCLUDE");
  });
});
