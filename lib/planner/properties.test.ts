import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { greedyPlan } from "./greedy";
import { parseSnapshot } from "./parse-snapshot";
import { plan } from "./plan";
import type { Rule, SnapshotDomain, SnapshotHost, SnapshotInput } from "./snapshot-schema";
import { verifyPlan } from "./verify-plan";

/**
 * Random small clusters, every goal and setting: each plan (and the greedy baseline's) passes the
 * independent check, which asks runPrechecks about every move wave by wave and checks the rules,
 * the parallel limit, single moves and the hosts to empty; and balance, when nothing forces a
 * move, never leaves CPU or memory less even than it found them.
 */

const GiB = 1024;

const hostArb = fc.record({
  model: fc.constantFrom("T4", "T4", "T4", "T5"),
  strands: fc.constantFrom(16, 32),
  memoryMiB: fc.constantFrom(16 * GiB, 32 * GiB, 64 * GiB),
  hypervisor: fc.constantFrom("ldoms-3.6", "ldoms-3.6", "ldoms-3.6", "ldoms-3.6", "ldoms-3.5"),
  switches: fc.constantFrom(["vsw0"], ["vsw0", "vsw1"], ["vsw0", "vsw1"], ["vsw1"]).map((list) => [...list]),
  storage: fc.constantFrom("san-a", "san-a", "san-a", "san-a", "san-b"),
  consolePorts: fc.integer({ min: 0, max: 8 }),
  fragments: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  drainRoll: fc.integer({ min: 0, max: 9 }),
});

const domainArb = fc.record({
  // Half the domains on the first host, so there is imbalance to work on.
  host: fc.oneof(fc.constant(0), fc.nat()),
  state: fc.constantFrom("active", "active", "active", "bound", "inactive"),
  vcpus: fc.integer({ min: 1, max: 8 }),
  load: fc.double({ min: 0, max: 1, noNaN: true }),
  memoryGiB: fc.integer({ min: 1, max: 12 }),
  split: fc.boolean(),
  dirtyRateMiBps: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  generic: fc.boolean(),
  switches: fc.constantFrom([], ["vsw0"], ["vsw0"], ["vsw0", "vsw1"]).map((list) => [...list]),
  volumes: fc.subarray(["v1", "v2"]),
  directIO: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
  cryptoUnits: fc.integer({ min: 0, max: 7 }).map((roll) => (roll === 0 ? 1 : 0)),
});

const ruleArb = fc.record({
  kind: fc.constantFrom("affinity", "anti-affinity", "pin", "exclude"),
  a: fc.nat(),
  b: fc.nat(),
  hosts: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
});

const clusterArb = fc
  .record({
    hosts: fc.array(hostArb, { minLength: 2, maxLength: 7 }),
    domains: fc.array(domainArb, { maxLength: 28 }),
    rules: fc.array(ruleArb, { maxLength: 5 }),
    goal: fc.constantFrom("balance", "consolidate", "evacuate"),
    aggressiveness: fc.integer({ min: 1, max: 5 }),
    cpuOvercommit: fc.constantFrom(1, 1.5),
    maxParallelPerHost: fc.integer({ min: 1, max: 3 }),
    maintenance: fc.integer({ min: 0, max: 3 }).map((roll) => roll === 0),
  })
  .map(({ hosts, domains, rules, ...policy }): SnapshotInput => {
    const hostList: SnapshotHost[] = hosts.map((host, h) => ({
      name: `h${h}`,
      cpu: { model: host.model, mhz: host.model === "T4" ? 2848 : 3600, strands: host.strands },
      memoryMiB: host.memoryMiB,
      hypervisor: host.hypervisor,
      switches: host.switches,
      volumes: { v1: `${host.storage}/1`, v2: `${host.storage}/2` },
      consolePorts: host.consolePorts,
      ...(policy.maintenance && h === 0 ? { maintenance: true } : {}),
    }));
    const domainList: SnapshotDomain[] = domains.map((domain, d) => ({
      name: `d${d}`,
      host: `h${domain.host % hostList.length}`,
      state: domain.state,
      vcpus: domain.vcpus,
      cpuUsed: domain.state === "active" ? Math.round(domain.load * domain.vcpus * 10) / 10 : 0,
      memoryMiB: domain.memoryGiB * GiB,
      ...(domain.split && domain.memoryGiB > 1
        ? { memoryBlocksMiB: [GiB, (domain.memoryGiB - 1) * GiB] }
        : {}),
      ...(domain.dirtyRateMiBps !== undefined ? { dirtyRateMiBps: domain.dirtyRateMiBps } : {}),
      cpuArch: domain.generic ? "generic" : "native",
      switches: domain.switches,
      volumes: domain.volumes,
      directIO: domain.directIO,
      cryptoUnits: domain.cryptoUnits,
    }));
    // Free ranges where a host has a layout: what its domains leave, cut into pieces.
    hosts.forEach((host, h) => {
      const target = hostList[h];
      if (!target || host.fragments === undefined) return;
      const used = domainList
        .filter((domain) => domain.host === target.name && domain.state !== "inactive")
        .reduce((sum, domain) => sum + domain.memoryMiB, 0);
      const free = Math.max(0, target.memoryMiB - used);
      const piece = Math.max(256, Math.floor(free / host.fragments / 256) * 256);
      const blocks: number[] = [];
      for (let left = free; left > 0; left -= piece) blocks.push(Math.min(piece, left));
      target.freeMemoryBlocksMiB = blocks;
    });
    const name = (i: number) => `d${i % Math.max(1, domainList.length)}`;
    const ruleList: Rule[] =
      domainList.length < 2
        ? []
        : rules.flatMap((rule): Rule[] => {
            const [a, b] = [name(rule.a), name(rule.b)];
            if (rule.kind === "exclude") return [{ kind: "exclude", domain: a }];
            if (rule.kind === "pin")
              return [
                {
                  kind: "pin",
                  domain: a,
                  hosts: [...new Set(rule.hosts.map((h) => `h${h % hostList.length}`))],
                },
              ];
            return a === b ? [] : [{ kind: rule.kind as "affinity" | "anti-affinity", domains: [a, b] }];
          });
    const evacuate =
      policy.goal === "evacuate"
        ? hostList.filter((_, h) => (hosts[h]?.drainRoll ?? 0) < 2).map((h) => h.name)
        : [];
    return {
      hosts: hostList,
      domains: domainList,
      rules: ruleList,
      policy: {
        goal: policy.goal,
        evacuate,
        aggressiveness: policy.aggressiveness,
        cpuOvercommit: policy.cpuOvercommit,
        maxParallelPerHost: policy.maxParallelPerHost,
      },
    };
  });

describe("plans on random clusters", () => {
  it("are valid wave by wave, for the planner and the greedy baseline", () => {
    fc.assert(
      fc.property(clusterArb, (input) => {
        const snapshot = parseSnapshot(input);
        expect(verifyPlan(snapshot, plan(snapshot))).toEqual([]);
        expect(verifyPlan(snapshot, greedyPlan(snapshot))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("balance never leaves CPU or memory less even than before, when no move is forced", () => {
    fc.assert(
      fc.property(clusterArb, (input) => {
        const snapshot = parseSnapshot({
          ...input,
          policy: { ...input.policy, goal: "balance", evacuate: [] },
        });
        const result = plan(snapshot);
        fc.pre(result.moves.every((move) => move.reason.startsWith("balance:")));
        const { before, after } = result.metrics;
        expect(after.imbalance.cpu).toBeLessThanOrEqual(before.imbalance.cpu + 1e-4);
        expect(after.imbalance.memory).toBeLessThanOrEqual(before.imbalance.memory + 1e-4);
      }),
      { numRuns: 400 },
    );
  });
});
