import { describe, expect, it } from "vitest";
import type { Host } from "../schemas/host";
import { hotLabel, hotResources } from "./hot-resources";
import type { HostSummary } from "./snapshot";
import { hostLoad } from "./summary";

function host(usedStrands: number, freeMiB: number): Host {
  return {
    cpu: { strandsTotal: 100, usedStrands },
    memory: { totalMiB: 1000, freeMiB },
    domains: { total: 0, active: 0 },
  } as Host;
}

describe("hotResources", () => {
  it("names the resource over its threshold", () => {
    expect(hotResources(host(80, 500))).toEqual({ cpu: true, memory: false });
    expect(hotResources(host(10, 100))).toEqual({ cpu: false, memory: true });
    expect(hotResources(host(79, 101))).toEqual({ cpu: false, memory: false });
  });

  it("agrees with hostLoad on whether the host is hot", () => {
    for (const [used, free] of [
      [80, 500],
      [10, 100],
      [79, 101],
      [95, 0],
    ] as const) {
      const data = host(used, free);
      const view = {
        name: "h",
        reachable: true,
        error: null,
        host: data,
        migrations: [],
      } as unknown as HostSummary;
      const hot = hotResources(data);
      expect(hot.cpu || hot.memory).toBe(hostLoad(view).hot);
    }
  });

  it("is never hot without figures", () => {
    expect(hotResources(null)).toEqual({ cpu: false, memory: false });
  });
});

describe("hotLabel", () => {
  it("says why a host is hot", () => {
    expect(hotLabel({ cpu: true, memory: false })).toBe("hot: CPU");
    expect(hotLabel({ cpu: true, memory: true })).toBe("hot: CPU, memory");
    expect(hotLabel({ cpu: false, memory: false })).toBeNull();
  });
});
