import { describe, expect, it } from "vitest";
import { parseSnapshot, parseSnapshotJson } from "./parse-snapshot";
import { SnapshotError } from "./snapshot-error";
import { fakeDomain, fakeHost } from "./test-fixtures";

function input(extra: Record<string, unknown> = {}) {
  return {
    hosts: [fakeHost("h1"), fakeHost("h2")],
    domains: [fakeDomain("d1", "h1"), fakeDomain("d2", "h1"), fakeDomain("d3", "h2"), fakeDomain("d4", "h2")],
    policy: { goal: "balance" },
    ...extra,
  };
}

function problem(value: unknown): string {
  try {
    parseSnapshot(value);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return (error as Error).message;
  }
  throw new Error("expected a SnapshotError");
}

describe("parseSnapshot", () => {
  it("fills the policy's defaults and the rules", () => {
    const snapshot = parseSnapshot(input());
    expect(snapshot.rules).toEqual([]);
    expect(snapshot.policy).toMatchObject({
      goal: "balance",
      evacuate: [],
      aggressiveness: 3,
      cpuOvercommit: 1,
      maxParallelPerHost: 2,
      linkMiBps: 1170,
      targetUtilization: 0.8,
    });
  });

  it("names the domain on an unknown host the way the contract shows", () => {
    const value = input();
    value.domains[3] = fakeDomain("d4", "h999");
    expect(problem(value)).toBe('domains[3].host: unknown host "h999"');
  });

  it("says which field is missing", () => {
    const value = input();
    const { memoryMiB: _, ...domain } = fakeDomain("d1", "h1");
    (value.domains as unknown[])[0] = domain;
    expect(problem(value)).toBe("domains[0].memoryMiB: missing (expected number)");
    expect(problem({ hosts: [], domains: [] })).toBe("policy: missing (expected object)");
  });

  it("names wrong types and values, and counts the other problems", () => {
    const value = input();
    (value.hosts[1] as unknown as { cpu: unknown }).cpu = { model: "T4", mhz: "fast", strands: 64 };
    expect(problem(value)).toBe("hosts[1].cpu.mhz: expected number, received string");
    expect(problem(input({ policy: { goal: "spread" } }))).toBe(
      'policy.goal: expected one of "balance"|"consolidate"|"evacuate"',
    );
    expect(problem(input({ policy: { goal: "balance", aggressiveness: 9 } }))).toMatch(
      /^policy\.aggressiveness: too big/,
    );
    const broken = input();
    (broken.domains[0] as unknown as { vcpus: unknown }).vcpus = "4";
    (broken.domains[1] as unknown as { vcpus: unknown }).vcpus = "4";
    expect(problem(broken)).toBe("domains[0].vcpus: expected number, received string (and 1 more problem)");
  });

  it("refuses duplicate names, unknown names in rules and policy, and blocks that do not add up", () => {
    const twice = input();
    twice.domains[2] = fakeDomain("d1", "h2");
    expect(problem(twice)).toBe('domains[2].name: duplicate domain "d1"');
    expect(problem(input({ hosts: [fakeHost("h1"), fakeHost("h1")] }))).toBe(
      'hosts[1].name: duplicate host "h1"',
    );
    expect(problem(input({ rules: [{ kind: "anti-affinity", domains: ["d1", "d9"] }] }))).toBe(
      'rules[0].domains[1]: unknown domain "d9"',
    );
    expect(problem(input({ rules: [{ kind: "pin", domain: "d1", hosts: ["h7"] }] }))).toBe(
      'rules[0].hosts[0]: unknown host "h7"',
    );
    expect(problem(input({ rules: [{ kind: "move-it" }] }))).toMatch(/^rules\[0\]\.kind: /);
    expect(problem(input({ policy: { goal: "evacuate", evacuate: ["h3"] } }))).toBe(
      'policy.evacuate[0]: unknown host "h3"',
    );
    const blocks = input();
    blocks.domains[0] = fakeDomain("d1", "h1", { memoryBlocksMiB: [4096, 2048] });
    expect(problem(blocks)).toBe("domains[0].memoryBlocksMiB: blocks add up to 6144 MiB, memoryMiB is 8192");
  });

  it("reads JSON text, and says so in one line when it is not JSON", () => {
    expect(parseSnapshotJson(JSON.stringify(input())).domains).toHaveLength(4);
    expect(() => parseSnapshotJson("{ hosts: ")).toThrow(/^not JSON: /);
    expect(() => parseSnapshotJson("")).toThrow("no input: expected a snapshot as JSON");
    expect(() => parseSnapshotJson("[1, 2]")).toThrow("the snapshot must be a JSON object");
  });
});
