import { describe, expect, it } from "vitest";
import type { Host } from "../schemas/host";
import { activeMigrations, allMigrations, clusterTotals, hostLoad } from "./summary";
import { fakeHostView, fakeMigration, fakeSnapshot } from "./test-fixtures";

function host(usedStrands: number, freeMiB: number, domains = { total: 0, active: 0 }): Host {
  return {
    name: "h",
    cpu: { strandsTotal: 64, strandsFree: 10, usedStrands },
    memory: { totalMiB: 1000, freeMiB },
    volumes: [],
    domains,
  } as unknown as Host;
}

describe("overview figures", () => {
  it("marks a host hot on CPU use or on memory taken", () => {
    expect(hostLoad(fakeHostView("a", [], { host: host(10, 500) })).hot).toBe(false);
    expect(hostLoad(fakeHostView("a", [], { host: host(52, 500) })).hot).toBe(true);
    expect(hostLoad(fakeHostView("a", [], { host: host(10, 90) })).hot).toBe(true);
  });

  it("counts an unreachable host without figures, never as hot", () => {
    const load = hostLoad(fakeHostView("gone", [], { reachable: false, host: null, error: "no answer" }));
    expect(load).toMatchObject({ reachable: false, hot: false, error: "no answer", strandsTotal: 0 });
  });

  it("adds up the cluster, with the domains each agent counts", () => {
    const snapshot = fakeSnapshot([
      fakeHostView("a", [], { host: host(10, 500, { total: 2, active: 1 }) }),
      fakeHostView("b", [], { reachable: false, host: null }),
    ]);
    expect(clusterTotals(snapshot)).toMatchObject({
      hosts: 2,
      reachable: 1,
      domains: 2,
      activeDomains: 1,
      strandsTotal: 64,
      memoryUsedMiB: 500,
    });
  });
});

describe("migrations across agents", () => {
  const onSource = fakeMigration({ id: "m1", role: "source", progress: 40 });
  const onTarget = fakeMigration({ id: "m1", role: "target", progress: 38 });

  it("lists each migration once, in the source's words", () => {
    const snapshot = fakeSnapshot([
      fakeHostView("h2", [], { migrations: [onTarget] }),
      fakeHostView("h1", [], { migrations: [onSource] }),
    ]);
    expect(allMigrations(snapshot)).toEqual([onSource]);
  });

  it("falls back to the target's view when the source cannot be asked", () => {
    const snapshot = fakeSnapshot([
      fakeHostView("h2", [], { migrations: [onTarget] }),
      fakeHostView("h1", [], { reachable: false }),
    ]);
    expect(allMigrations(snapshot)).toEqual([onTarget]);
  });

  it("keeps needs-attention among the active ones, and the ended ones out", () => {
    const snapshot = fakeSnapshot([
      fakeHostView("h1", [], {
        migrations: [
          fakeMigration({ id: "a", phase: "completed" }),
          fakeMigration({ id: "b", phase: "needs-attention" }),
          fakeMigration({ id: "c", phase: "suspend" }),
        ],
      }),
    ]);
    expect(
      activeMigrations(snapshot)
        .map((m) => m.id)
        .sort(),
    ).toEqual(["b", "c"]);
  });
});
