import { describe, expect, it } from "vitest";
import { domainMigration, lastFailedMigration, locateDomain } from "./locate-domain";
import { fakeDomain, fakeHostView, fakeMigration, fakeSnapshot } from "./test-fixtures";

const sourceCopy = fakeDomain("web1", {
  flags: "-n---s",
  migration: { id: "m1", role: "source", phase: "transfer" },
});
const targetCopy = fakeDomain("web1", {
  state: "bound",
  flags: "-----t",
  migration: { id: "m1", role: "target", phase: "transfer" },
});
const running = fakeMigration({ id: "m1", source: "h1", target: "h2", phase: "transfer" });

describe("locateDomain", () => {
  const during = fakeSnapshot([
    fakeHostView("h1", [sourceCopy], { migrations: [running] }),
    fakeHostView("h2", [targetCopy], { migrations: [{ ...running, role: "target" }] }),
  ]);

  it("takes the copy on the host asked for, the target copy included", () => {
    const found = locateDomain(during, "web1", "h2");
    expect(found.kind === "here" && found.view.name).toBe("h2");
  });

  it("prefers the running copy over a migration target when no host is named", () => {
    const found = locateDomain(fakeSnapshot([...during.hosts].reverse()), "web1");
    expect(found.kind === "here" && found.view.name).toBe("h1");
  });

  it("ignores a host no agent is registered as", () => {
    const found = locateDomain(during, "web1", "gone");
    expect(found.kind === "here" && found.view.name).toBe("h1");
  });

  it("follows a completed migration, renamed on the way", () => {
    const done = fakeMigration({ id: "m1", targetName: "web1b", phase: "completed" });
    const after = fakeSnapshot([
      fakeHostView("h1", [], { migrations: [done] }),
      fakeHostView("h2", [fakeDomain("web1b")], { migrations: [{ ...done, role: "target" }] }),
    ]);
    expect(locateDomain(after, "web1", "h1")).toEqual({
      kind: "moved",
      from: "h1",
      to: "h2",
      name: "web1b",
      migration: done,
    });
  });

  it("follows hop by hop to where it is now", () => {
    const first = fakeMigration({ id: "m1", source: "h1", target: "h2", phase: "completed" });
    const second = fakeMigration({
      id: "m2",
      source: "h2",
      target: "h3",
      phase: "completed",
      startedAt: "2025-01-01T00:05:00.000Z",
    });
    const after = fakeSnapshot([
      fakeHostView("h1", [], { migrations: [first] }),
      fakeHostView("h2", [], { migrations: [second] }),
      fakeHostView("h3", [fakeDomain("web1")]),
    ]);
    const found = locateDomain(after, "web1", "h1");
    expect(found.kind === "moved" && [found.to, found.migration?.id]).toEqual(["h3", "m2"]);
  });

  it("finds it by name elsewhere when no migration record says where it went", () => {
    const after = fakeSnapshot([fakeHostView("h1", []), fakeHostView("h2", [fakeDomain("web1")])]);
    expect(locateDomain(after, "web1", "h1")).toMatchObject({ kind: "moved", to: "h2", migration: null });
  });

  it("does not guess while the host asked for cannot be reached", () => {
    const down = fakeSnapshot([
      fakeHostView("h1", [], { reachable: false, error: "timeout", host: null }),
      fakeHostView("h2", [fakeDomain("web1")]),
    ]);
    expect(locateDomain(down, "web1", "h1")).toEqual({ kind: "unreachable", host: "h1", error: "timeout" });
  });

  it("reports a domain that is nowhere", () => {
    expect(locateDomain(during, "db9")).toEqual({ kind: "missing" });
    expect(locateDomain(during, "db9", "h1")).toEqual({ kind: "missing" });
  });
});

describe("domainMigration", () => {
  it("finds the migration from either copy", () => {
    const snapshot = fakeSnapshot([fakeHostView("h1", [sourceCopy], { migrations: [running] })]);
    expect(domainMigration(snapshot, "h1", sourceCopy)?.id).toBe("m1");
    expect(domainMigration(snapshot, "h2", targetCopy)?.id).toBe("m1");
  });

  it("ignores finished migrations", () => {
    const done = { ...running, phase: "completed" as const };
    const snapshot = fakeSnapshot([fakeHostView("h2", [fakeDomain("web1")], { migrations: [done] })]);
    expect(domainMigration(snapshot, "h2", fakeDomain("web1"))).toBeNull();
  });
});

describe("lastFailedMigration", () => {
  it("explains an `e` flag with the newest failure of that copy", () => {
    const failed = fakeMigration({ id: "m3", phase: "failed", error: "target vanished" });
    const snapshot = fakeSnapshot([fakeHostView("h1", [fakeDomain("web1")], { migrations: [failed] })]);
    expect(lastFailedMigration(snapshot, "h1", "web1")?.error).toBe("target vanished");
    expect(lastFailedMigration(snapshot, "h1", "web2")).toBeNull();
  });
});
