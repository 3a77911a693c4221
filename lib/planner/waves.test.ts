import { describe, expect, it } from "vitest";
import { plan } from "./plan";
import { domainsOn, fakeDomain, fakeHost, fakeSnapshot } from "./test-fixtures";
import { verifyPlan } from "./verify-plan";

describe("waves", () => {
  it("no host takes part in more than maxParallelPerHost moves of a wave", () => {
    for (const maxParallelPerHost of [1, 2, 3]) {
      const hosts = ["h1", "h2", "h3"].map((name) => fakeHost(name, { memoryMiB: 256 * 1024 }));
      const snapshot = fakeSnapshot(hosts, domainsOn("h1", 18, "d"), { maxParallelPerHost });
      const result = plan(snapshot);
      expect(verifyPlan(snapshot, result)).toEqual([]);
      const perWave = new Map<string, number>();
      for (const move of result.moves) {
        for (const host of [move.from, move.to]) {
          const key = `${move.wave}:${host}`;
          perWave.set(key, (perWave.get(key) ?? 0) + 1);
        }
      }
      expect(Math.max(...perWave.values())).toBeLessThanOrEqual(maxParallelPerHost);
      expect(result.summary.waves).toBeGreaterThanOrEqual(
        Math.ceil(result.moves.length / maxParallelPerHost),
      );
    }
  });

  it("a move into room that another move frees comes in a later wave (the leaving domain holds it until then)", () => {
    // h1 is evacuated; its domain fits h2 only once "stray" has left h2 for h3, where its pin sends it.
    const hosts = [
      fakeHost("h1"),
      fakeHost("h2", { memoryMiB: 32 * 1024 }),
      fakeHost("h3", { memoryMiB: 32 * 1024 }),
    ];
    const domains = [
      fakeDomain("big", "h1", { memoryMiB: 24 * 1024 }),
      fakeDomain("stray", "h2", { memoryMiB: 16 * 1024 }),
      fakeDomain("filler", "h3", { memoryMiB: 8 * 1024 }),
    ];
    const snapshot = fakeSnapshot(hosts, domains, { goal: "evacuate", evacuate: ["h1"] }, [
      { kind: "pin", domain: "stray", hosts: ["h3"] },
    ]);
    const result = plan(snapshot);
    expect(verifyPlan(snapshot, result)).toEqual([]);
    const wave = (name: string) => result.moves.find((move) => move.domain === name);
    expect(wave("stray")).toMatchObject({ to: "h3", wave: 0 });
    expect(wave("big")).toMatchObject({ to: "h2", wave: 1 });
  });

  it("independent moves share a wave, and the plan's duration is the sum of each wave's longest move", () => {
    const hosts = ["h1", "h2", "h3", "h4"].map((name) => fakeHost(name));
    const snapshot = fakeSnapshot(hosts, [fakeDomain("a", "h1"), fakeDomain("b", "h2")], {
      goal: "evacuate",
      evacuate: ["h1", "h2"],
    });
    const result = plan(snapshot);
    expect(result.moves.map((move) => move.wave)).toEqual([0, 0]);
    expect(result.summary.seconds).toBe(Math.max(...result.moves.map((move) => move.predicted.seconds)));
  });
});
