import { describe, expect, it } from "vitest";
import { parseAddress } from "../../../lib/units";
import { ResourceError } from "../driver";
import { type SimHostConfig, simHostConfigSchema } from "./sim-config";
import type { SimDomain } from "./sim-domain";
import { SimResources } from "./sim-resources";

const MiB = 1024 * 1024;
const BASE = 0x8000000;

function hostConfig(over: { cpu?: object; memory?: object; console?: object | null } = {}): SimHostConfig {
  return simHostConfigSchema.parse({
    cpu: { model: "SPARC-T4", mhz: 2850, cores: 4, threadsPerCore: 2, ...over.cpu },
    memory: { totalMiB: 4096, ...over.memory },
    ...(over.console === undefined ? {} : { console: over.console }),
  });
}

function domain(
  name: string,
  vcpus: number,
  blocksMiB: number[],
  state: SimDomain["state"] = "active",
): SimDomain {
  let real = BASE;
  return {
    name,
    state,
    vcpus,
    memoryBlocks: blocksMiB.map((sizeMiB) => {
      const block = { realAddress: real, physicalAddress: null, sizeMiB };
      real += sizeMiB * MiB;
      return block;
    }),
    cpuArch: "native",
    strands: [],
    networks: [],
    disks: [],
    directIO: [],
    cryptoUnits: 0,
    delayedReconfig: false,
    consolePort: null,
    workload: { cpuUsed: 0, dirtyRateMiBps: 0, wwsMiB: 0, pattern: "random" },
    startedAt: null,
    pausedByMigration: false,
    incoming: null,
  };
}

/** A host whose domains are those bound through it (as the driver keeps them). */
function host(config: SimHostConfig) {
  const domains: SimDomain[] = [];
  const resources = new SimResources(config, () => domains);
  const bind = (d: SimDomain) => {
    resources.bind(d);
    domains.push(d);
    return d;
  };
  return { resources, domains, bind };
}

describe("SimResources: strands", () => {
  it("hands out single strands in order", () => {
    const { resources, bind } = host(hostConfig());
    expect(resources.strandsTotal).toBe(8);
    expect(bind(domain("a", 3, [256])).strands).toEqual([0, 1, 2]);
    expect(bind(domain("b", 2, [256])).strands).toEqual([3, 4]);
    expect(resources.strandOwners()).toEqual(["a", "a", "a", "b", "b", null, null, null]);
    expect(resources.freeCores()).toEqual([3]);
  });

  it("names the shortage of strands", () => {
    const { bind } = host(hostConfig());
    bind(domain("a", 6, [256]));
    expect(() => bind(domain("b", 3, [256]))).toThrow(ResourceError);
    expect(() => bind(domain("b", 3, [256]))).toThrow("2 free strands, 3 needed");
  });

  it("gives whole cores when the host requires them", () => {
    const { resources, domains, bind } = host(hostConfig({ cpu: { wholeCores: true } }));
    // A domain seeded with scattered strands leaves cores 0 and 1 partly used.
    const seeded = domain("seeded", 2, [256]);
    seeded.strands = [0, 3];
    domains.push(seeded);
    expect(resources.freeCores()).toEqual([2, 3]);
    expect(bind(domain("a", 3, [256])).strands).toEqual([4, 5, 6, 7]);
    expect(resources.freeCores()).toEqual([]);
  });

  it("names the shortage of whole cores even when enough single strands are free", () => {
    const { domains, bind } = host(hostConfig({ cpu: { wholeCores: true } }));
    const seeded = domain("seeded", 2, [256]);
    seeded.strands = [0, 2, 4];
    domains.push(seeded);
    expect(() => bind(domain("a", 3, [256]))).toThrow(
      new ResourceError("not enough free whole cores for 3 strands"),
    );
  });

  it("does not count an inactive domain's strands as taken", () => {
    const { resources, domains } = host(hostConfig());
    const parked = domain("parked", 2, [256], "inactive");
    parked.strands = [0, 1];
    domains.push(parked);
    expect(resources.strandOwners().every((owner) => owner === null)).toBe(true);
  });
});

describe("SimResources: memory", () => {
  // 4 GiB from 0x8000000 with the hypervisor keeping 1 GiB in the middle: two free 1.5 GiB ranges.
  const fragmented = () => hostConfig({ memory: { reserved: [{ offsetMiB: 1536, sizeMiB: 1024 }] } });

  it("lists free, domain and reserved regions in address order", () => {
    const { resources, bind } = host(fragmented());
    expect(resources.layout()).toEqual([
      { address: "0x8000000", sizeMiB: 1536, use: "free" },
      { address: "0x68000000", sizeMiB: 1024, use: "reserved", domain: undefined },
      { address: "0xa8000000", sizeMiB: 1536, use: "free" },
    ]);
    bind(domain("a", 1, [1024]));
    expect(resources.layout()).toEqual([
      { address: "0x8000000", sizeMiB: 1024, use: "domain", domain: "a" },
      { address: "0x48000000", sizeMiB: 512, use: "free" },
      { address: "0x68000000", sizeMiB: 1024, use: "reserved", domain: undefined },
      { address: "0xa8000000", sizeMiB: 1536, use: "free" },
    ]);
    const addresses = resources.layout().map((region) => parseAddress(region.address));
    expect(addresses).toEqual([...addresses].sort((x, y) => x - y));
  });

  it("places blocks best fit into the fragments", () => {
    const { resources, bind } = host(fragmented());
    bind(domain("a", 1, [1024]));
    // 512 MiB fits exactly into what is left of the first range.
    const b = bind(domain("b", 1, [512, 1536]));
    expect(b.memoryBlocks.map((block) => block.physicalAddress)).toEqual([0x48000000, 0xa8000000]);
    expect(resources.freeRanges()).toEqual([]);
  });

  it("cannot bind one block larger than any fragment, though the total is free", () => {
    const { resources, bind } = host(fragmented());
    expect(resources.freeRanges().reduce((sum, range) => sum + range.size, 0)).toBe(3072 * MiB);
    const d = domain("big", 1, [2048]);
    expect(() => bind(d)).toThrow(
      new ResourceError("Unable to bind 2G memory region at real address 0x8000000"),
    );
    // Nothing was taken by the failed bind.
    expect(d.strands).toEqual([]);
    expect(d.memoryBlocks[0]?.physicalAddress).toBeNull();
    expect(d.consolePort).toBeNull();
  });

  it("names the block that does not fit by its real address", () => {
    const { bind } = host(fragmented());
    expect(() => bind(domain("two", 1, [1024, 2048]))).toThrow(
      "Unable to bind 2G memory region at real address 0x48000000",
    );
  });

  it("unbind gives everything back", () => {
    const { resources, bind } = host(fragmented());
    const a = bind(domain("a", 2, [1024]));
    resources.unbind(a);
    expect(a).toMatchObject({ strands: [], consolePort: null });
    expect(a.memoryBlocks[0]?.physicalAddress).toBeNull();
    expect(resources.layout().filter((region) => region.use === "free")).toHaveLength(2);
    expect(resources.freeConsolePorts()).toHaveLength(128);
  });
});

describe("SimResources: console ports", () => {
  it("gives the lowest free port and names the concentrator when none is left", () => {
    const { resources, bind } = host(
      hostConfig({ console: { name: "primary-vcc0", firstPort: 5000, lastPort: 5001 } }),
    );
    expect(bind(domain("a", 1, [256])).consolePort).toBe(5000);
    expect(resources.freeConsolePorts()).toEqual([5001]);
    expect(bind(domain("b", 1, [256])).consolePort).toBe(5001);
    expect(() => bind(domain("c", 1, [256]))).toThrow(
      new ResourceError("no free port on console concentrator primary-vcc0"),
    );
  });

  it("binds without a port when the host has no console concentrator", () => {
    const { resources, bind } = host(hostConfig({ console: null }));
    expect(resources.freeConsolePorts()).toEqual([]);
    expect(bind(domain("a", 1, [256])).consolePort).toBeNull();
  });
});
