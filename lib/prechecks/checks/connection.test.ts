import { describe, expect, it } from "vitest";
import type { HostFacts, PrecheckInput, Reachability } from "../facts";
import { allowedByTarget, authAccepted, sameHost, targetReachable } from "./connection";

function host(name: string): HostFacts {
  return {
    name,
    cpu: { model: "T4", mhz: 2850, freeStrands: 8 },
    memory: { freeMiB: 8192 },
    switches: [],
    volumes: {},
  };
}

function input(reach?: Reachability, target: HostFacts | null = host("host2")): PrecheckInput {
  return {
    source: host("host1"),
    target,
    reach,
    domain: {
      name: "ldg1",
      state: "active",
      vcpus: 1,
      memoryMiB: 1024,
      cpuArch: "native",
      switches: [],
      volumes: [],
      directIO: [],
      cryptoUnits: 0,
    },
  };
}

const checks = [targetReachable, authAccepted, allowedByTarget];

function run(reach?: Reachability) {
  return checks.map((check) => check(input(reach))).filter((result) => result !== null);
}

describe("connection checks", () => {
  it("all pass after a good handshake", () => {
    expect(run({ status: "ok" }).map((result) => [result.code, result.ok])).toEqual([
      ["TARGET_UNREACHABLE", true],
      ["AUTH_FAILED", true],
      ["NOT_ALLOWED_BY_TARGET", true],
    ]);
    expect(allowedByTarget(input({ status: "ok" }))?.message).toBe("target accepts migrations from host1");
  });

  it("an unreachable target reports only that (auth and allow-list were never asked)", () => {
    expect(run({ status: "unreachable", message: "no answer from http://10.0.0.2:7070 in 5000 ms" })).toEqual(
      [
        {
          code: "TARGET_UNREACHABLE",
          ok: false,
          message: "TARGET_UNREACHABLE: no answer from http://10.0.0.2:7070 in 5000 ms",
        },
      ],
    );
  });

  it("bad credentials: reachable, auth failed, allow-list not evaluated", () => {
    expect(run({ status: "auth-failed", message: "401 from host2" }).map((r) => [r.code, r.ok])).toEqual([
      ["TARGET_UNREACHABLE", true],
      ["AUTH_FAILED", false],
    ]);
  });

  it("refused by the allow-list: reachable, authenticated, not allowed", () => {
    const results = run({ status: "not-allowed", message: "host1 matches none of ^host9$" });
    expect(results.map((result) => result.ok)).toEqual([true, true, false]);
    expect(results[2]?.message).toBe("NOT_ALLOWED_BY_TARGET: host1 matches none of ^host9$");
  });

  it("no handshake, no connection checks", () => {
    expect(run(undefined)).toEqual([]);
  });

  it("SAME_HOST compares names, and needs a target", () => {
    expect(sameHost(input())?.ok).toBe(true);
    expect(sameHost(input(undefined, host("host1")))?.message).toBe(
      "SAME_HOST: source and target are the same host (host1)",
    );
    expect(sameHost(input(undefined, null))).toBeNull();
  });
});
