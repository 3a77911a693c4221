import { describe, expect, it } from "vitest";
import {
  DEFAULT_DOMAIN_QUERY,
  type DomainQuery,
  domainQueryString,
  filterDomains,
  isFiltered,
  nextSort,
  parseDomainQuery,
  sortDomains,
  visibleDomains,
} from "./domain-filters";
import { domainRows } from "./domain-rows";
import { fakeDomain, fakeHostView, fakeMigration, fakeSnapshot } from "./test-fixtures";

const query = (extra: Partial<DomainQuery>): DomainQuery => ({ ...DEFAULT_DOMAIN_QUERY, ...extra });

const migrating = fakeMigration({ id: "m1", domain: "web1", source: "h1", target: "h2" });
const snapshot = fakeSnapshot([
  fakeHostView(
    "h1",
    [
      fakeDomain("web10", { memoryMiB: 4096, utilization: 5 }),
      fakeDomain("web1", {
        flags: "-n---s",
        utilization: 80,
        migration: { id: "m1", role: "source", phase: "transfer" },
      }),
    ],
    { migrations: [migrating] },
  ),
  fakeHostView(
    "h2",
    [
      fakeDomain("web1", {
        state: "bound",
        flags: "-----t",
        utilization: 0,
        migration: { id: "m1", role: "target", phase: "transfer" },
      }),
      fakeDomain("db2", { state: "inactive", memoryMiB: 2048, utilization: 0 }),
    ],
    { migrations: [{ ...migrating, role: "target" }] },
  ),
  fakeHostView("h3", [], { reachable: false, error: "connection refused", host: null }),
]);
const rows = domainRows(snapshot);
const names = (list: typeof rows) => list.map((row) => `${row.name}@${row.host}`);

describe("domainRows", () => {
  it("lists both copies of a migrating domain with the source's view of the migration", () => {
    expect(names(rows)).toEqual(["web10@h1", "web1@h1", "web1@h2", "db2@h2"]);
    const source = rows.find((row) => row.host === "h1" && row.name === "web1");
    const target = rows.find((row) => row.host === "h2" && row.name === "web1");
    expect(target?.flags[5]).toBe("t");
    expect(source?.migration).toEqual({ phase: "transfer", progress: 34, peer: "to h2" });
    expect(target?.migration).toEqual({ phase: "transfer", progress: 34, peer: "from h1" });
    expect(rows.find((row) => row.name === "db2")?.migration).toBeNull();
  });

  it("keeps only the columns the list shows", () => {
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual([
      "consolePort",
      "flags",
      "host",
      "memoryMiB",
      "migration",
      "name",
      "state",
      "uptimeSeconds",
      "utilization",
      "vcpus",
    ]);
  });

  it("shows the domain's own mark when the cluster does not report its migration", () => {
    const lone = fakeSnapshot([
      fakeHostView("h1", [
        fakeDomain("web7", { migration: { id: "gone", role: "source", phase: "suspend" } }),
      ]),
    ]);
    expect(domainRows(lone)[0]?.migration).toEqual({ phase: "suspend", progress: null, peer: null });
  });
});

describe("parseDomainQuery and domainQueryString", () => {
  it("round-trips a shared view", () => {
    const shared = query({ q: "web", host: "h2", state: "bound", sort: "memory", dir: "desc", page: 3 });
    const text = domainQueryString(shared);
    expect(text).toBe("q=web&host=h2&state=bound&sort=memory&dir=desc&page=3");
    expect(parseDomainQuery(new URLSearchParams(text))).toEqual(shared);
  });

  it("leaves the defaults out so the plain list is /domains", () => {
    expect(domainQueryString(DEFAULT_DOMAIN_QUERY)).toBe("");
  });

  it("falls back to the defaults on values it does not know", () => {
    const parsed = parseDomainQuery(new URLSearchParams("state=running&sort=cpu&dir=up&page=0"));
    expect(parsed).toEqual(DEFAULT_DOMAIN_QUERY);
    expect(parseDomainQuery(new URLSearchParams("page=2.5")).page).toBe(1);
    expect(parseDomainQuery(new URLSearchParams("page=-1")).page).toBe(1);
  });
});

describe("filterDomains", () => {
  it("matches part of the name, whatever the case", () => {
    expect(names(filterDomains(rows, query({ q: " WEB1 " })))).toEqual(["web10@h1", "web1@h1", "web1@h2"]);
  });

  it("combines host and state", () => {
    expect(names(filterDomains(rows, query({ host: "h2", state: "bound" })))).toEqual(["web1@h2"]);
    expect(filterDomains(rows, query({ host: "h1", state: "inactive" }))).toEqual([]);
  });

  it("knows when a filter is set", () => {
    expect(isFiltered(query({ sort: "util" }))).toBe(false);
    expect(isFiltered(query({ state: "active" }))).toBe(true);
  });
});

describe("sortDomains", () => {
  it("sorts names as people read them (web1 before web10)", () => {
    expect(names(sortDomains(rows, "name", "asc"))).toEqual(["db2@h2", "web1@h1", "web1@h2", "web10@h1"]);
  });

  it("keeps ties in name and host order in either direction", () => {
    expect(names(sortDomains(rows, "util", "desc"))).toEqual(["web1@h1", "web10@h1", "db2@h2", "web1@h2"]);
    expect(names(sortDomains(rows, "host", "desc"))).toEqual(["db2@h2", "web1@h2", "web1@h1", "web10@h1"]);
  });

  it("does not reorder the rows it was given", () => {
    const before = names(rows);
    sortDomains(rows, "memory", "desc");
    expect(names(rows)).toEqual(before);
  });

  it("filters then sorts", () => {
    expect(names(visibleDomains(rows, query({ q: "web", sort: "memory", dir: "desc" })))).toEqual([
      "web10@h1",
      "web1@h1",
      "web1@h2",
    ]);
  });
});

describe("nextSort", () => {
  it("flips the direction on the current column", () => {
    expect(nextSort(query({ sort: "name", dir: "asc" }), "name")).toEqual({ sort: "name", dir: "desc" });
  });

  it("starts numbers largest first and names A-Z", () => {
    expect(nextSort(DEFAULT_DOMAIN_QUERY, "util")).toEqual({ sort: "util", dir: "desc" });
    expect(nextSort(query({ sort: "util" }), "host")).toEqual({ sort: "host", dir: "asc" });
  });
});
