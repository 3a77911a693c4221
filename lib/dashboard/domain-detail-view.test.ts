import { describe, expect, it } from "vitest";
import { domainDetailView } from "./domain-detail-view";
import { fakeDomain, fakeHostView, fakeMigration, fakeSnapshot } from "./test-fixtures";

const running = fakeMigration({ id: "m1", source: "h1", target: "h2", phase: "transfer" });
const failed = fakeMigration({ id: "m0", domain: "db1", targetName: "db1", phase: "failed", error: "boom" });
const snapshot = fakeSnapshot([
  fakeHostView(
    "h1",
    [
      fakeDomain("web1", { flags: "-n---s", migration: { id: "m1", role: "source", phase: "transfer" } }),
      fakeDomain("db1", { flags: "-n---e" }),
      fakeDomain("other"),
    ],
    { migrations: [running, failed] },
  ),
  fakeHostView("h2", [fakeDomain("web1", { state: "bound", flags: "-----t" })], {
    migrations: [{ ...running, role: "target" }],
  }),
  fakeHostView("h3", [], { reachable: false, host: null, error: "timeout" }),
]);

describe("domainDetailView", () => {
  it("sends the domain, its host and its migration, not the host's other domains", () => {
    const { location } = domainDetailView(snapshot, "web1", "h1");
    if (location.kind !== "here") throw new Error(`expected here, got ${location.kind}`);
    expect(location.host).toBe("h1");
    expect(location.domain.name).toBe("web1");
    expect(location.migration?.id).toBe("m1");
    expect(location.failed).toBeNull();
    expect(location.hosts).toEqual([
      { name: "h1", reachable: true },
      { name: "h2", reachable: true },
      { name: "h3", reachable: false },
    ]);
    expect(JSON.stringify(location)).not.toContain('"other"');
  });

  it("names the failed migration behind an e flag", () => {
    const { location } = domainDetailView(snapshot, "db1", "h1");
    expect(location.kind === "here" && location.failed?.error).toBe("boom");
  });

  it("says where the domain is when it is not on the pinned host", () => {
    expect(domainDetailView(snapshot, "web1", "h3").location).toEqual({
      kind: "unreachable",
      host: "h3",
      error: "timeout",
    });
    expect(domainDetailView(snapshot, "nowhere").location).toEqual({ kind: "missing" });
  });
});
