import { describe, expect, it } from "vitest";
import { DEFAULT_DOMAIN_QUERY, type DomainQuery } from "./domain-filters";
import { domainPage, pageOf } from "./domain-list";
import { fakeDomain, fakeHostView, fakeSnapshot } from "./test-fixtures";

const query = (extra: Partial<DomainQuery>): DomainQuery => ({ ...DEFAULT_DOMAIN_QUERY, ...extra });

describe("pageOf", () => {
  const items = Array.from({ length: 7 }, (_, index) => index);

  it("cuts the asked page", () => {
    expect(pageOf(items, 2, 3)).toEqual({ rows: [3, 4, 5], page: 2, pages: 3, first: 3 });
    expect(pageOf(items, 3, 3)).toEqual({ rows: [6], page: 3, pages: 3, first: 6 });
  });

  it("shows the last page for a page past the end, and the first for nonsense", () => {
    expect(pageOf(items, 9, 3)).toMatchObject({ rows: [6], page: 3 });
    expect(pageOf(items, 0, 3)).toMatchObject({ rows: [0, 1, 2], page: 1 });
  });

  it("has one empty page for no rows", () => {
    expect(pageOf([], 4, 3)).toEqual({ rows: [], page: 1, pages: 1, first: 0 });
  });
});

describe("domainPage", () => {
  // 12 domains on h1 (web1..web12), 3 on h2 (db1..db3), h3 unreachable.
  const snapshot = fakeSnapshot([
    fakeHostView(
      "h1",
      Array.from({ length: 12 }, (_, i) =>
        fakeDomain(`web${i + 1}`, { state: i % 3 === 0 ? "inactive" : "active", memoryMiB: 1024 * (i + 1) }),
      ),
    ),
    fakeHostView("h2", [fakeDomain("db1"), fakeDomain("db2"), fakeDomain("db3")]),
    fakeHostView("h3", [], { reachable: false, host: null, error: "timeout" }),
  ]);
  const names = (page: ReturnType<typeof domainPage>) => page.rows.map((row) => row.name);

  it("filters and sorts over every domain, then sends one page", () => {
    const page = domainPage(snapshot, query({ host: "h1", sort: "memory", dir: "desc", page: 2 }), 5);
    expect(page).toMatchObject({ total: 15, matching: 12, page: 2, pages: 3, first: 5 });
    expect(names(page)).toEqual(["web7", "web6", "web5", "web4", "web3"]);
  });

  it("counts what the filters let through across pages", () => {
    const page = domainPage(snapshot, query({ state: "inactive" }), 2);
    expect(page).toMatchObject({ matching: 4, pages: 2 });
    expect(names(page)).toEqual(["web1", "web4"]);
  });

  it("lists every registered host for the host filter, reachable or not", () => {
    expect(domainPage(snapshot, DEFAULT_DOMAIN_QUERY).hosts).toEqual([
      { name: "h1", reachable: true },
      { name: "h2", reachable: true },
      { name: "h3", reachable: false },
    ]);
  });

  it("gives the same rows for the same snapshot and query (rows are built once per snapshot)", () => {
    const a = domainPage(snapshot, query({ q: "db" }));
    const b = domainPage(snapshot, query({ q: "db" }));
    expect(b.rows).toEqual(a.rows);
    expect(b.rows[0]).toBe(a.rows[0]);
  });

  it("needs no host resources: domains and migrations are enough", () => {
    const page = domainPage(
      {
        takenAt: "2025-01-01T00:00:00.000Z",
        hosts: [
          {
            name: "h9",
            url: "http://h9.test",
            reachable: true,
            error: null,
            domains: [fakeDomain("x1")],
            migrations: [],
          },
        ],
      },
      DEFAULT_DOMAIN_QUERY,
    );
    expect(page.rows.map((row) => `${row.name}@${row.host}`)).toEqual(["x1@h9"]);
  });
});
