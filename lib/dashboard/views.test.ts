import { describe, expect, it } from "vitest";
import type { Host } from "../schemas/host";
import type { ClusterHosts } from "./snapshot";
import { fakeMigration } from "./test-fixtures";
import { hostsView, migrationsView, overviewView } from "./views";

function host(usedStrands: number, freeMiB: number, domains: { total: number; active: number }): Host {
  return {
    name: "h",
    cpu: { model: "SPARC-T4", mhz: 2848, strandsTotal: 64, strandsFree: 10, usedStrands },
    memory: { totalMiB: 1000, freeMiB, freeBlocks: [], layout: [] },
    volumes: [],
    console: null,
    domains,
  } as unknown as Host;
}

const snapshot: ClusterHosts = {
  takenAt: "2025-01-01T00:00:01.000Z",
  hosts: [
    {
      name: "h1",
      url: "http://h1.test",
      reachable: true,
      error: null,
      host: host(60, 500, { total: 20, active: 18 }),
      migrations: [
        fakeMigration({ id: "m1", phase: "transfer" }),
        fakeMigration({ id: "m0", phase: "completed" }),
      ],
    },
    {
      name: "h2",
      url: "http://h2.test",
      reachable: true,
      error: null,
      host: host(4, 800, { total: 5, active: 5 }),
      migrations: [fakeMigration({ id: "m1", role: "target", phase: "transfer" })],
    },
    { name: "h3", url: "http://h3.test", reachable: false, error: "timeout", host: null, migrations: [] },
  ],
};

describe("overviewView", () => {
  const view = overviewView(snapshot, new Set(["h2"]));

  it("adds up the hosts, with the domains their agents count", () => {
    expect(view.totals).toMatchObject({
      hosts: 3,
      reachable: 2,
      hot: 1,
      domains: 25,
      activeDomains: 23,
      cpuUsed: 64,
      strandsTotal: 128,
      memoryUsedMiB: 700,
    });
  });

  it("gives each host its load and marks, without its layout or domains", () => {
    expect(view.hosts.map((h) => [h.name, h.reachable, h.hot, h.maintenance, h.domains])).toEqual([
      ["h1", true, true, false, 20],
      ["h2", true, false, true, 5],
      ["h3", false, false, false, 0],
    ]);
    expect(view.hosts[2]?.error).toBe("timeout");
    expect(JSON.stringify(view)).not.toMatch(/layout|freeBlocks|volumes/);
  });

  it("lists the active migrations once each", () => {
    expect(view.migrations.map((m) => [m.id, m.role])).toEqual([["m1", "source"]]);
    expect(view.takenAt).toBe(snapshot.takenAt);
  });
});

describe("the other live views", () => {
  it("migrations: only those under way", () => {
    expect(migrationsView(snapshot).migrations.map((m) => m.id)).toEqual(["m1"]);
  });

  it("hosts: one row per host with the agent's domain counts", () => {
    const rows = hostsView(snapshot, new Set(["h3"])).rows;
    expect(rows.map((row) => [row.name, row.domainsActive, row.domainsTotal, row.maintenance])).toEqual([
      ["h1", 18, 20, false],
      ["h2", 5, 5, false],
      ["h3", 0, 0, true],
    ]);
  });
});
