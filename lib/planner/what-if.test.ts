import { describe, expect, it } from "vitest";
import { plan } from "./plan";
import { SnapshotError } from "./snapshot-error";
import { domainsOn, fakeHost, fakeSnapshot } from "./test-fixtures";
import { hypothetical, whatIf } from "./what-if";

const hosts = ["h1", "h2", "h3"].map((name) => fakeHost(name, { memoryMiB: 128 * 1024 }));
const snapshot = fakeSnapshot(hosts, [...domainsOn("h1", 10, "a"), ...domainsOn("h2", 4, "b")]);

describe("what-if", () => {
  it("drain: the same planner with the host in maintenance, the snapshot untouched", () => {
    const result = whatIf(snapshot, { drain: ["h2"] });
    expect(result.moves.filter((move) => move.from === "h2")).toHaveLength(4);
    expect(result.moves.some((move) => move.to === "h2")).toBe(false);
    expect(snapshot.hosts[1]?.maintenance).toBeUndefined();
    expect(plan(snapshot).moves.some((move) => move.from === "h2")).toBe(false);
  });

  it("added rules and another aggressiveness", () => {
    const pinned = whatIf(snapshot, {
      rules: domainsOn("h1", 10, "a").map((d) => ({ kind: "exclude" as const, domain: d.name })),
    });
    expect(pinned.moves.filter((move) => move.from === "h1")).toEqual([]);
    expect(whatIf(snapshot, { aggressiveness: 1 }).moves.length).toBeLessThan(
      whatIf(snapshot, { aggressiveness: 5 }).moves.length,
    );
    expect(whatIf(snapshot, { goal: "consolidate" }).goal).toBe("consolidate");
  });

  it("refuses a hypothetical that names what is not there", () => {
    expect(() => hypothetical(snapshot, { drain: ["h9"] })).toThrow(
      new SnapshotError('drain: unknown host "h9"'),
    );
    expect(() => whatIf(snapshot, { rules: [{ kind: "pin", domain: "zz", hosts: ["h1"] }] })).toThrow(
      'rules[0].domain: unknown domain "zz"',
    );
  });
});
