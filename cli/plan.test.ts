import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { generateCluster } from "../lib/planner/scenario/generate-cluster";
import { fakeDomain, fakeHost } from "../lib/planner/test-fixtures";

/**
 * The real command, as CONTRACTS.md section 2 writes it: `npm run --silent plan < snapshot.json`.
 * Good input: the plan as JSON and nothing else on standard output. Bad input: a non-zero exit, one
 * line on standard error naming the problem, nothing on standard output.
 */

function run(input: string) {
  const result = spawnSync("npm", ["run", "--silent", "plan"], { input, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const good = {
  hosts: [fakeHost("h1"), fakeHost("h2")],
  domains: [fakeDomain("d1", "h1"), fakeDomain("d2", "h1"), fakeDomain("d3", "h1")],
  policy: { goal: "evacuate", evacuate: ["h1"] },
};

describe("npm run --silent plan", () => {
  it("writes the plan, and only the plan, on standard output", () => {
    const { status, stdout, stderr } = run(JSON.stringify(good));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.moves.map((move: { domain: string; to: string }) => [move.domain, move.to])).toEqual([
      ["d1", "h2"],
      ["d2", "h2"],
      ["d3", "h2"],
    ]);
    expect(Object.keys(plan.moves[0].predicted).sort()).toEqual(["downtimeMs", "seconds", "transferMiB"]);
    expect(plan.metrics.before.imbalance).toBeDefined();
    expect(plan.unplaceable).toEqual([]);
  });

  it.each([
    ["not JSON", "{ hosts: [", /^plan: bad snapshot: not JSON: /],
    ["nothing at all", "", /^plan: bad snapshot: no input/],
    [
      "a missing field",
      JSON.stringify({ ...good, domains: [{ ...good.domains[0], memoryMiB: undefined }] }),
      /^plan: bad snapshot: domains\[0\]\.memoryMiB: missing \(expected number\)$/,
    ],
    [
      "a domain on an unknown host",
      JSON.stringify({ ...good, domains: [...good.domains, fakeDomain("d4", "h999")] }),
      /^plan: bad snapshot: domains\[3\]\.host: unknown host "h999"$/,
    ],
  ])("refuses %s: one line on stderr, nothing on stdout, non-zero exit", (_, input, message) => {
    const { status, stdout, stderr } = run(input);
    expect(status).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it("plans a generated cluster of 100 hosts and 2,000 domains", () => {
    const { status, stdout } = run(JSON.stringify(generateCluster({ hosts: 100, seed: 5 })));
    expect(status).toBe(0);
    expect(JSON.parse(stdout).moves.length).toBeGreaterThan(0);
  });
});
