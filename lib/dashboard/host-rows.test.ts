import { describe, expect, it } from "vitest";
import type { Host } from "../schemas/host";
import { filterHostRows, type HostRow, hostRow, nextHostSort, sortHostRows } from "./host-rows";
import type { HostSummary } from "./snapshot";

function host(
  overrides: {
    model?: string;
    mhz?: number;
    strandsFree?: number;
    usedStrands?: number;
    freeMiB?: number;
    domains?: { total: number; active: number };
  } = {},
): Host {
  return {
    name: "h",
    driver: "sim",
    hypervisor: { kind: "ldoms", version: "3.6" },
    subnet: "10.0.0.0/24",
    cpu: {
      model: overrides.model ?? "SPARC-T4",
      mhz: overrides.mhz ?? 2850,
      strandsTotal: 64,
      strandsFree: overrides.strandsFree ?? 40,
      threadsPerCore: 8,
      coresFree: 5,
      wholeCores: true,
      genericArch: false,
      usedStrands: overrides.usedStrands ?? 3.5,
    },
    memory: {
      totalMiB: 16384,
      freeMiB: overrides.freeMiB ?? 6144,
      freeBlocks: [
        { address: "0x8000000", sizeMiB: 2048, use: "free" },
        { address: "0x108000000", sizeMiB: 4096, use: "free" },
      ],
      layout: [],
    },
    switches: [],
    nics: [],
    volumes: [],
    storage: [],
    console: { name: "primary-vcc0", firstPort: 5000, lastPort: 5003, freePorts: [5001, 5003] },
    delayedReconfig: false,
    domains: overrides.domains ?? { total: 0, active: 0 },
  };
}

function view(name: string, hostData: Host | null): HostSummary {
  return {
    name,
    url: `http://${name}:7070`,
    reachable: hostData !== null,
    error: hostData ? null : "connect ECONNREFUSED",
    host: hostData,
    migrations: [],
  };
}

const names = (rows: HostRow[]) => rows.map((row) => row.name);

describe("hostRow", () => {
  it("reads the figures of a reachable host, with the domains its agent counts", () => {
    const row = hostRow(view("h1", host({ domains: { total: 3, active: 2 } })));
    expect(row).toMatchObject({
      reachable: true,
      hot: false,
      strandsFree: 40,
      cpuUsed: 3.5,
      largestFreeBlockMiB: 4096,
      consolePortsFree: 2,
      consolePortsTotal: 4,
      domainsActive: 2,
      domainsTotal: 3,
    });
  });

  it("keeps an unreachable host with its error and no figures", () => {
    const row = hostRow(view("h2", null));
    expect(row).toMatchObject({
      reachable: false,
      error: "connect ECONNREFUSED",
      cpuUsed: null,
      memoryFreeMiB: null,
    });
  });

  it("marks a host hot from its CPU use", () => {
    const row = hostRow(view("h3", host({ usedStrands: 60 })));
    expect(row.hot).toBe(true);
    expect(row.hotBy).toEqual({ cpu: true, memory: false });
  });
});

describe("sortHostRows", () => {
  const rows = [
    hostRow(view("host10", host({ strandsFree: 8, usedStrands: 10 })), true),
    hostRow(view("host2", host({ strandsFree: 32, usedStrands: 60 }))),
    hostRow(view("down", null)),
    hostRow(view("host1", host({ strandsFree: 8, usedStrands: 1 }))),
  ];

  it("sorts names in natural order", () => {
    expect(names(sortHostRows(rows, { key: "name", direction: "ascending" }))).toEqual([
      "down",
      "host1",
      "host2",
      "host10",
    ]);
  });

  it("keeps hosts without figures last in both directions", () => {
    expect(names(sortHostRows(rows, { key: "cpuUse", direction: "descending" }))).toEqual([
      "host2",
      "host10",
      "host1",
      "down",
    ]);
    expect(names(sortHostRows(rows, { key: "cpuUse", direction: "ascending" })).at(-1)).toBe("down");
  });

  it("breaks ties by name", () => {
    expect(names(sortHostRows(rows, { key: "strandsFree", direction: "ascending" }))).toEqual([
      "host1",
      "host10",
      "host2",
      "down",
    ]);
  });

  it("puts problems first when sorting by state, then hosts in maintenance", () => {
    expect(names(sortHostRows(rows, { key: "state", direction: "ascending" }))).toEqual([
      "down",
      "host2",
      "host10",
      "host1",
    ]);
  });

  it("does not change its input", () => {
    const before = names(rows);
    sortHostRows(rows, { key: "name", direction: "descending" });
    expect(names(rows)).toEqual(before);
  });
});

describe("nextHostSort", () => {
  it("turns the sorted column around", () => {
    expect(nextHostSort({ key: "name", direction: "ascending" }, "name")).toEqual({
      key: "name",
      direction: "descending",
    });
  });

  it("starts figures with the largest", () => {
    expect(nextHostSort({ key: "name", direction: "ascending" }, "memoryFree")).toEqual({
      key: "memoryFree",
      direction: "descending",
    });
  });
});

describe("filterHostRows", () => {
  const rows = [
    hostRow(view("alpha", host({ model: "SPARC-T4" }))),
    hostRow(view("beta", host({ model: "SPARC-T5", usedStrands: 60 }))),
    hostRow(view("gamma", null), true),
  ];

  it("matches every word against the name or the CPU model, in any case", () => {
    expect(names(filterHostRows(rows, { text: "sparc-t5", show: "all" }))).toEqual(["beta"]);
    expect(names(filterHostRows(rows, { text: "ALPHA t4", show: "all" }))).toEqual(["alpha"]);
    expect(names(filterHostRows(rows, { text: "alpha t5", show: "all" }))).toEqual([]);
  });

  it("lets everything through without text", () => {
    expect(names(filterHostRows(rows, { text: "  ", show: "all" }))).toEqual(["alpha", "beta", "gamma"]);
  });

  it("shows only hot, only unreachable or only maintenance hosts", () => {
    expect(names(filterHostRows(rows, { text: "", show: "hot" }))).toEqual(["beta"]);
    expect(names(filterHostRows(rows, { text: "", show: "unreachable" }))).toEqual(["gamma"]);
    expect(names(filterHostRows(rows, { text: "", show: "maintenance" }))).toEqual(["gamma"]);
  });
});
