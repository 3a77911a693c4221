import { describe, expect, it } from "vitest";
import type { DomainFacts, HostFacts, PrecheckInput } from "../facts";
import { enoughCpu, enoughMemory, memoryLayoutFits } from "./capacity";

function host(name: string, cpu: Partial<HostFacts["cpu"]> = {}, memory?: HostFacts["memory"]): HostFacts {
  return {
    name,
    cpu: { model: "SPARC-T4", mhz: 2850, freeStrands: 64, ...cpu },
    memory: memory ?? { freeMiB: 16384, freeBlocksMiB: [16384] },
    switches: [],
    volumes: {},
  };
}

function input(target: HostFacts | null, domain: Partial<DomainFacts> = {}): PrecheckInput {
  return {
    source: host("host1"),
    target,
    domain: {
      name: "ldg1",
      state: "active",
      vcpus: 4,
      memoryMiB: 4096,
      cpuArch: "native",
      switches: [],
      volumes: [],
      directIO: [],
      cryptoUnits: 0,
      ...domain,
    },
  };
}

describe("enoughCpu (INSUFFICIENT_CPU)", () => {
  it("counts strands when the target hands them out singly", () => {
    const target = host("host2", { freeStrands: 4, threadsPerCore: 8, freeCores: 0, wholeCores: false });
    expect(enoughCpu(input(target))?.ok).toBe(true);
  });

  it("wants whole cores: 9 strands on 8-thread cores take 2 free cores", () => {
    const target = host("host2", { freeStrands: 20, threadsPerCore: 8, freeCores: 1, wholeCores: true });
    const result = enoughCpu(input(target, { vcpus: 9 }));
    expect(result).toMatchObject({ code: "INSUFFICIENT_CPU", ok: false });
    expect(result?.message).toBe(
      "INSUFFICIENT_CPU: target host2 has 1 free whole cores, domain ldg1 needs 2 (9 strands, 8 per core)",
    );
    target.cpu.freeCores = 2;
    expect(enoughCpu(input(target, { vcpus: 9 }))?.ok).toBe(true);
  });

  it("passes with enough free strands scattered over partly used cores only when cores are not required", () => {
    const scattered = { freeStrands: 16, threadsPerCore: 8, freeCores: 0 };
    expect(enoughCpu(input(host("host2", { ...scattered, wholeCores: false })))?.ok).toBe(true);
    expect(enoughCpu(input(host("host2", { ...scattered, wholeCores: true })))?.ok).toBe(false);
  });

  it("reports the strand shortage first, naming both sides", () => {
    const target = host("host2", { freeStrands: 2, threadsPerCore: 8, freeCores: 0, wholeCores: true });
    expect(enoughCpu(input(target))?.message).toBe(
      "INSUFFICIENT_CPU: target host2 has 2 free strands, domain ldg1 needs 4",
    );
  });

  it("does not apply the core rule when the core facts are unknown", () => {
    const target = host("host2", { freeStrands: 8, wholeCores: true });
    expect(enoughCpu(input(target))?.ok).toBe(true);
  });

  it("is left out without a target or for an inactive domain", () => {
    expect(enoughCpu(input(null))).toBeNull();
    expect(enoughCpu(input(host("host2", { freeStrands: 0 }), { state: "inactive" }))).toBeNull();
  });
});

describe("enoughMemory (INSUFFICIENT_MEMORY)", () => {
  it("prints sizes the way ldm does", () => {
    const target = host("host2", {}, { freeMiB: 1536 });
    expect(enoughMemory(input(target, { memoryMiB: 2048 }))?.message).toBe(
      "INSUFFICIENT_MEMORY: target host2 has 1.5G free memory, domain ldg1 needs 2G",
    );
    expect(enoughMemory(input(target, { memoryMiB: 512 }))?.ok).toBe(true);
  });

  it("is left out for an inactive domain", () => {
    expect(enoughMemory(input(host("host2", {}, { freeMiB: 0 }), { state: "inactive" }))).toBeNull();
  });
});

describe("memoryLayoutFits (MEMORY_LAYOUT_INCOMPATIBLE)", () => {
  it("refuses one 2G block into 2G free as two 1G blocks (the LDoms example)", () => {
    const target = host("host2", {}, { freeMiB: 2048, freeBlocksMiB: [1024, 1024] });
    const result = memoryLayoutFits(
      input(target, { memoryMiB: 2048, memoryBlocks: [{ sizeMiB: 2048, realAddress: "0x8000000" }] }),
    );
    expect(result).toMatchObject({ code: "MEMORY_LAYOUT_INCOMPATIBLE", ok: false });
    expect(result?.message).toBe(
      "MEMORY_LAYOUT_INCOMPATIBLE: Unable to bind 2G memory region at real address 0x8000000 on host2 (largest free block 1G, 2 free blocks)",
    );
  });

  it("names the block that does not fit, not the first one", () => {
    const target = host("host2", {}, { freeMiB: 3072, freeBlocksMiB: [1024, 1024, 1024] });
    const blocks = [
      { sizeMiB: 512, realAddress: "0x8000000" },
      { sizeMiB: 2048, realAddress: "0x28000000" },
    ];
    expect(memoryLayoutFits(input(target, { memoryMiB: 2560, memoryBlocks: blocks }))?.message).toContain(
      "Unable to bind 2G memory region at real address 0x28000000",
    );
  });

  it("treats a domain without known blocks as one block of all its memory, with no address", () => {
    const target = host("host2", {}, { freeMiB: 4096, freeBlocksMiB: [2048, 2048] });
    const result = memoryLayoutFits(input(target, { memoryMiB: 4096 }));
    expect(result?.ok).toBe(false);
    expect(result?.message).toContain("Unable to bind 4G memory region on host2");
    expect(result?.message).not.toContain("real address");
  });

  it("passes when each block has its own range", () => {
    const target = host("host2", {}, { freeMiB: 3072, freeBlocksMiB: [2048, 1024] });
    const blocks = [{ sizeMiB: 1024 }, { sizeMiB: 2048 }];
    expect(memoryLayoutFits(input(target, { memoryMiB: 3072, memoryBlocks: blocks }))).toMatchObject({
      ok: true,
      message: "target can bind all 2 memory blocks",
    });
  });

  it("leaves a plain shortage to INSUFFICIENT_MEMORY, and unknown layouts out", () => {
    const short = host("host2", {}, { freeMiB: 1024, freeBlocksMiB: [1024] });
    expect(memoryLayoutFits(input(short))).toBeNull();
    expect(memoryLayoutFits(input(host("host2", {}, { freeMiB: 8192 })))).toBeNull();
    expect(memoryLayoutFits(input(null))).toBeNull();
    const fragmented = host("host2", {}, { freeMiB: 8192, freeBlocksMiB: [1, 1] });
    expect(memoryLayoutFits(input(fragmented, { state: "inactive" }))).toBeNull();
  });
});
