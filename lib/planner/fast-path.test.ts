import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotDomainFacts, snapshotHostFacts, snapshotMoveKind } from "../prechecks/from-snapshot";
import { failedChecks, runPrechecks } from "../prechecks/run-prechecks";
import { balance } from "./balance";
import { CompatIndex } from "./compat-index";
import { consolidate } from "./consolidate";
import { createContext } from "./context";
import { placeMustMoves } from "./evacuate";
import { capacityFailures, intrinsicFailures } from "./fast-capacity";
import { buildModel } from "./model";
import { parseSnapshot } from "./parse-snapshot";
import { generateCluster } from "./scenario/generate-cluster";
import type { SnapshotDomain, SnapshotHost } from "./snapshot-schema";

/**
 * The planner's fast path (compatibility index, capacity on numbers, the placement's checks on the
 * ledger) against runPrechecks, the agents' own checks, on random hosts and domains: the same
 * verdict and the same failing codes, or the planner would choose moves the agents refuse.
 */

const subset = <T>(items: T[]) => fc.subarray(items);
const blocksArb = fc.array(
  fc.integer({ min: 1, max: 8 }).map((n) => n * 512),
  { minLength: 1, maxLength: 3 },
);

const hostArb = (name: string) =>
  fc.record({
    name: fc.constant(name),
    cpu: fc.record({
      model: fc.constantFrom("SPARC-T4", "SPARC-T5"),
      mhz: fc.constantFrom(2848, 3600),
      strands: fc.constantFrom(8, 16),
    }),
    memoryMiB: fc.constantFrom(4096, 8192),
    freeMemoryBlocksMiB: fc.option(blocksArb, { nil: undefined }),
    hypervisor: fc.constantFrom("ldoms-3.5", "ldoms-3.6"),
    switches: subset(["vsw0", "vsw1", "vsw2"]),
    volumes: fc.dictionary(fc.constantFrom("v1", "v2"), fc.constantFrom("san-a/1", "san-b/1")),
    consolePorts: fc.integer({ min: 0, max: 2 }),
  }) satisfies fc.Arbitrary<SnapshotHost>;

const domainArb = fc
  .record({
    state: fc.constantFrom("active", "bound", "inactive"),
    vcpus: fc.integer({ min: 1, max: 12 }),
    memory: blocksArb,
    ownBlocks: fc.boolean(),
    cpuArch: fc.constantFrom("native", "generic"),
    switches: subset(["vsw0", "vsw1", "vsw2"]),
    volumes: subset(["v1", "v2"]),
    directIO: fc.constantFrom(false, false, false, true),
    cryptoUnits: fc.constantFrom(0, 0, 1),
  })
  .map(
    ({ memory, ownBlocks, ...rest }): SnapshotDomain => ({
      name: "d1",
      host: "h1",
      cpuUsed: 0,
      memoryMiB: memory.reduce((sum, size) => sum + size, 0),
      ...(ownBlocks ? { memoryBlocksMiB: memory } : {}),
      ...rest,
    }),
  );

const freeArb = fc.record({
  strands: fc.integer({ min: -2, max: 16 }),
  memoryMiB: fc.integer({ min: 0, max: 8192 }),
  memoryBlocksMiB: fc.option(blocksArb, { nil: undefined }),
  consolePorts: fc.integer({ min: 0, max: 2 }),
});

describe("the fast path agrees with runPrechecks", () => {
  it("compatibility index + capacity on numbers: same failing codes", () => {
    fc.assert(
      fc.property(
        hostArb("h1"),
        hostArb("h2"),
        domainArb,
        freeArb,
        fc.boolean(),
        (h1, h2, domain, free, same) => {
          const snapshot = parseSnapshot({ hosts: [h1, h2], domains: [domain], policy: { goal: "balance" } });
          const model = buildModel(snapshot);
          const compat = new CompatIndex(model);
          const [source, target] = same ? [h1, h1] : [h1, h2];
          const t = same ? 0 : 1;
          const fast = new Set([
            ...compat
              .failures(0, 0)
              .filter(([, failing]) => failing.has(t))
              .map(([code]) => code),
            ...capacityFailures(domain, model.blocks[0] ?? [], free),
            ...intrinsicFailures(domain),
            ...(same ? ["SAME_HOST"] : []),
          ]);
          const slow = failedChecks(
            runPrechecks({
              source: snapshotHostFacts(source, free),
              target: snapshotHostFacts(target, free),
              domain: snapshotDomainFacts(domain),
              kind: snapshotMoveKind(domain),
            }),
          ).map((check) => check.code);
          expect([...fast].sort()).toEqual([...new Set(slow)].sort());
          expect(compat.compatible(0, 0).has(t)).toBe(
            slow.every(
              (code) =>
                ![
                  "HYPERVISOR_MISMATCH",
                  "CPU_INCOMPATIBLE",
                  "SWITCH_MISSING",
                  "VOLUME_MISSING",
                  "VOLUME_STORAGE_MISMATCH",
                ].includes(code),
            ),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("the placement's checks on the ledger: a move passes exactly when runPrechecks passes", () => {
    fc.assert(
      fc.property(
        fc.tuple(hostArb("h1"), hostArb("h2"), hostArb("h3")),
        fc.array(fc.tuple(domainArb, fc.constantFrom("h1", "h2", "h3")), { minLength: 1, maxLength: 6 }),
        (hosts, placed) => {
          const domains = placed.map(([domain, host], i) => ({ ...domain, name: `d${i}`, host }));
          const snapshot = parseSnapshot({ hosts, domains, policy: { goal: "balance", cpuOvercommit: 1.5 } });
          const ctx = createContext(snapshot);
          domains.forEach((domain, d) => {
            for (let t = 0; t < 3; t++) {
              if (ctx.ledger.hostOf[d] === t) continue;
              const s = ctx.ledger.hostOf[d] ?? 0;
              const source = snapshot.hosts[s];
              const target = snapshot.hosts[t];
              if (!source || !target) continue;
              const agents = failedChecks(
                runPrechecks({
                  source: snapshotHostFacts(source, ctx.ledger.freeAfterAll(s)),
                  target: snapshotHostFacts(target, ctx.ledger.freeAfterAll(t)),
                  domain: snapshotDomainFacts(domain),
                  kind: snapshotMoveKind(domain),
                }),
              );
              const unit = ctx.model.rules.unitOf[d] ?? 0;
              const planner = ctx.placement.immovable(unit) ? "IMMOVABLE" : ctx.placement.fits(unit, t);
              expect(planner === null).toBe(agents.length === 0);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("whole planning runs: runPrechecks confirms every move the fast checks chose", () => {
    for (const goal of ["balance", "consolidate", "evacuate"] as const) {
      const ctx = createContext(parseSnapshot(generateCluster({ hosts: 100, seed: 11, goal })));
      placeMustMoves(ctx, goal === "consolidate" ? "pack" : "spread");
      if (goal === "balance") balance(ctx);
      if (goal === "consolidate") consolidate(ctx);
      expect(ctx.ledger.moves.length).toBeGreaterThan(0);
      expect(ctx.placement.disagreements).toBe(0);
    }
  });
});
