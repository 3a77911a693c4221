import { describe, expect, it } from "vitest";
import { plan } from "./plan";
import { domainsOn, fakeHost, fakeSnapshot } from "./test-fixtures";

describe("explanations", () => {
  it("say the loads before and after on both hosts, why this target, and what ruled the others out", () => {
    const hosts = [
      fakeHost("h1", { memoryMiB: 128 * 1024 }),
      fakeHost("h2", { memoryMiB: 128 * 1024 }),
      fakeHost("h3", { memoryMiB: 128 * 1024, cpu: { model: "SPARC-T5", mhz: 3600, strands: 64 } }),
      fakeHost("h4", { memoryMiB: 128 * 1024, hypervisor: "ldoms-3.5" }),
      fakeHost("h5", { memoryMiB: 128 * 1024, maintenance: true }),
    ];
    const result = plan(fakeSnapshot(hosts, domainsOn("h1", 12, "d", { cpuUsed: 2 })));
    const [first] = result.moves;
    expect(first?.to).toBe("h2");
    expect(first?.explanation).toMatchObject({
      source: { host: "h1", cpuBefore: 0.375, memoryBefore: 0.75 },
      target: { host: "h2", cpuBefore: 0, memoryBefore: 0, cpuAfter: 0.0313, memoryAfter: 0.0625 },
      why: "best imbalance reduction per MiB moved",
      compatibleHosts: 1,
      rejected: [
        { code: "CPU_INCOMPATIBLE", hosts: 1 },
        { code: "HOST_DRAINED", hosts: 1 },
        { code: "HYPERVISOR_MISMATCH", hosts: 1 },
      ],
    });
    expect(first?.reason).toBe(
      "balance: h1 is 56 points above the mean: h1 cpu 38% -> 34%, memory 75% -> 69%; h2 cpu 0% -> 3%, memory 0% -> 6%; " +
        "h2 chosen: best imbalance reduction per MiB moved among 1 compatible hosts, " +
        "others ruled out by CPU_INCOMPATIBLE (1), HOST_DRAINED (1), HYPERVISOR_MISMATCH (1)",
    );
    expect(first?.predicted).toEqual({ seconds: 7, downtimeMs: 0, transferMiB: 8192 });
  });

  it("predictions come from the pre-copy model: a dirty domain sends more and pauses longer", () => {
    const hosts = [fakeHost("h1", { memoryMiB: 128 * 1024 }), fakeHost("h2", { memoryMiB: 128 * 1024 })];
    const domains = domainsOn("h1", 2, "busy", { dirtyRateMiBps: 300 });
    const result = plan(
      fakeSnapshot(hosts, domains, { goal: "evacuate", evacuate: ["h1"], linkMiBps: 1170 }),
    );
    const [move] = result.moves;
    expect(move?.predicted.transferMiB).toBeGreaterThan(8192);
    expect(move?.predicted.downtimeMs).toBeGreaterThan(0);
    expect(move?.kind).toBe("live");
  });
});
