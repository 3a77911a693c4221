import { describe, expect, it } from "vitest";
import { greedyPlan } from "./greedy";
import { parseSnapshot } from "./parse-snapshot";
import { plan } from "./plan";
import { generateCluster } from "./scenario/generate-cluster";
import { verifyPlan } from "./verify-plan";

/** The planner against the usual greedy balancer, on the benchmark's kind of cluster. */
describe("against the greedy baseline", () => {
  it("balance: a more even cluster for less data moved", () => {
    const snapshot = parseSnapshot(generateCluster({ hosts: 100, seed: 3, goal: "balance" }));
    const ours = plan(snapshot);
    const greedy = greedyPlan(snapshot);
    expect(verifyPlan(snapshot, greedy)).toEqual([]);
    const spread = (p: typeof ours) => p.metrics.after.imbalance.cpu + p.metrics.after.imbalance.memory;
    expect(spread(ours)).toBeLessThan(spread(greedy));
    expect(ours.summary.transferMiB).toBeLessThan(greedy.summary.transferMiB);
  });

  it("consolidate: fewer hosts used or less data moved, and neither worse", () => {
    const snapshot = parseSnapshot(generateCluster({ hosts: 100, seed: 3, goal: "consolidate" }));
    const ours = plan(snapshot);
    const greedy = greedyPlan(snapshot);
    expect(verifyPlan(snapshot, greedy)).toEqual([]);
    expect(ours.metrics.after.hostsUsed).toBeLessThanOrEqual(greedy.metrics.after.hostsUsed);
    expect(ours.summary.transferMiB).toBeLessThanOrEqual(greedy.summary.transferMiB);
    const better =
      ours.metrics.after.hostsUsed < greedy.metrics.after.hostsUsed ||
      ours.summary.transferMiB < greedy.summary.transferMiB;
    expect(better).toBe(true);
  });
});
