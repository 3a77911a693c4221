import { describe, expect, it } from "vitest";
import { plan } from "./plan";
import type { Plan } from "./plan-types";
import type { Snapshot } from "./snapshot-schema";
import { domainsOn, fakeDomain, fakeHost, fakeSnapshot } from "./test-fixtures";
import { verifyPlan } from "./verify-plan";

function checked(snapshot: Snapshot): Plan {
  const result = plan(snapshot);
  expect(verifyPlan(snapshot, result)).toEqual([]);
  return result;
}

/** Four hosts: two hot, one lukewarm, one idle. */
function uneven(policy: Partial<Snapshot["policy"]> = {}) {
  const hosts = ["h1", "h2", "h3", "h4"].map((name) => fakeHost(name, { memoryMiB: 128 * 1024 }));
  const domains = [
    ...domainsOn("h1", 12, "a", { cpuUsed: 3 }),
    ...domainsOn("h2", 10, "b", { cpuUsed: 2.5 }),
    ...domainsOn("h3", 4, "c", { cpuUsed: 1 }),
    fakeDomain("idle1", "h4", { cpuUsed: 0.1, memoryMiB: 2048 }),
  ];
  return fakeSnapshot(hosts, domains, policy);
}

describe("goals", () => {
  it("balance evens out CPU and memory use and cools the hottest host", () => {
    const result = checked(uneven());
    const { before, after } = result.metrics;
    expect(after.imbalance.cpu).toBeLessThan(before.imbalance.cpu / 2);
    expect(after.imbalance.memory).toBeLessThan(before.imbalance.memory / 2);
    expect(Math.max(after.hottest?.cpu ?? 0, after.hottest?.memory ?? 0)).toBeLessThan(
      before.hottest?.memory ?? 0,
    );
    expect(result.summary.moves).toBe(result.moves.length);
  });

  it("aggressiveness: a conservative setting tolerates more imbalance and moves less", () => {
    const low = checked(uneven({ aggressiveness: 1 }));
    const high = checked(uneven({ aggressiveness: 5 }));
    expect(low.moves.length).toBeLessThan(high.moves.length);
    expect(low.metrics.after.imbalance.memory).toBeGreaterThan(high.metrics.after.imbalance.memory);
  });

  it("balance and consolidate leave alone a guest that would pause past the downtime limit; evacuate still moves it", () => {
    // 1,000 MiB/s of writes over a 1 GbE link never converges: the switch-over would take seconds.
    const hot = { dirtyRateMiBps: 1000, cpuUsed: 3 };
    const hosts = ["h1", "h2"].map((name) => fakeHost(name, { memoryMiB: 128 * 1024 }));
    const domains = [...domainsOn("h1", 10, "hot", hot), fakeDomain("idle1", "h2", { cpuUsed: 0.1 })];
    for (const goal of ["balance", "consolidate"] as const) {
      const result = checked(fakeSnapshot(hosts, domains, { goal, linkMiBps: 119.2 }));
      expect(result.moves.filter((move) => move.domain.startsWith("hot"))).toEqual([]);
    }
    const evacuated = checked(
      fakeSnapshot(hosts, domains, { goal: "evacuate", evacuate: ["h1"], linkMiBps: 119.2 }),
    );
    expect(evacuated.moves).toHaveLength(10);
    expect(evacuated.moves[0]?.predicted.downtimeMs).toBeGreaterThan(300);
  });

  it("consolidate packs onto fewer hosts without taking any past targetUtilization", () => {
    const hosts = ["h1", "h2", "h3", "h4"].map((name) => fakeHost(name, { memoryMiB: 128 * 1024 }));
    const domains = ["h1", "h2", "h3", "h4"].flatMap((host) =>
      domainsOn(host, 4, `${host}-`, { cpuUsed: 1 }),
    );
    const snapshot = fakeSnapshot(hosts, domains, { goal: "consolidate", targetUtilization: 0.8 });
    const result = checked(snapshot);
    expect(result.metrics.after.hostsUsed).toBeLessThan(result.metrics.before.hostsUsed);
    expect(result.metrics.after.hostsUsed).toBe(2);
    for (const move of result.moves) {
      expect(move.explanation.target.memoryAfter).toBeLessThanOrEqual(0.8);
      expect(move.explanation.target.cpuAfter).toBeLessThanOrEqual(0.8);
    }
  });

  it("evacuate empties the named hosts onto the rest, spreading the load", () => {
    const snapshot = uneven({ goal: "evacuate", evacuate: ["h1"] });
    const result = checked(snapshot);
    expect(result.moves.filter((move) => move.from === "h1")).toHaveLength(12);
    expect(result.moves.every((move) => move.from === "h1")).toBe(true);
    expect(new Set(result.moves.map((move) => move.to)).size).toBeGreaterThan(1);
    expect(result.metrics.after.hostsInService).toBe(3);
  });

  it("every goal empties hosts in maintenance", () => {
    for (const goal of ["balance", "consolidate", "evacuate"] as const) {
      const base = uneven({ goal });
      const snapshot = {
        ...base,
        hosts: base.hosts.map((host) => (host.name === "h3" ? { ...host, maintenance: true } : host)),
      };
      const result = checked(snapshot);
      expect(
        result.moves
          .filter((move) => move.from === "h3")
          .map((move) => move.domain)
          .sort(),
      ).toEqual(["c1", "c2", "c3", "c4"]);
      expect(result.moves.some((move) => move.to === "h3")).toBe(false);
    }
  });

  it("a domain that must leave and fits nowhere is listed with the checks that failed, never dropped", () => {
    const hosts = [
      fakeHost("h1"),
      fakeHost("h2", { memoryMiB: 16 * 1024 }),
      fakeHost("h3", { hypervisor: "ldoms-3.5" }),
    ];
    const domains = [
      fakeDomain("big", "h1", { memoryMiB: 32 * 1024 }),
      fakeDomain("small", "h1", { memoryMiB: 4096 }),
    ];
    const result = checked(fakeSnapshot(hosts, domains, { goal: "evacuate", evacuate: ["h1"] }));
    expect(result.moves.map((move) => [move.domain, move.to])).toEqual([["small", "h2"]]);
    expect(result.unplaceable).toHaveLength(1);
    const [entry] = result.unplaceable;
    expect(entry).toMatchObject({ domain: "big", host: "h1" });
    expect(entry?.failed.map((check) => [check.code, check.hosts])).toEqual([
      ["HYPERVISOR_MISMATCH", 1],
      ["INSUFFICIENT_MEMORY", 1],
    ]);
    expect(entry?.reason).toMatch(
      /^must leave h1 \(h1 is being evacuated\); no host can take it: HYPERVISOR_MISMATCH: target h3 runs ldoms-3.5/,
    );
    expect(entry?.reason).toContain("INSUFFICIENT_MEMORY on 1 hosts");
    expect(entry?.failed[1]?.message).toBe(
      "INSUFFICIENT_MEMORY: target h2 has 16G free memory, domain big needs 32G",
    );
  });
});
