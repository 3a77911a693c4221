import { describe, expect, it } from "vitest";
import type { MemoryRegion } from "../schemas/host";
import {
  describeMemoryUse,
  freeBlocksLargestFirst,
  memoryMapRowCount,
  memoryMapRows,
  memoryUse,
} from "./memory-map";

const layout: MemoryRegion[] = [
  { address: "0x0", sizeMiB: 1024, use: "reserved" },
  { address: "0x40000000", sizeMiB: 2048, use: "domain", domain: "ldg1" },
  { address: "0xc0000000", sizeMiB: 512, use: "free" },
  { address: "0xe0000000", sizeMiB: 4096, use: "domain", domain: "ldg2" },
  { address: "0x1e0000000", sizeMiB: 512, use: "free" },
];

const shares = (row: { share: number }[]) => row.map((segment) => Number(segment.share.toFixed(4)));

describe("memoryMapRows", () => {
  it("gives each region its share of one strip", () => {
    const [row] = memoryMapRows(layout, 1);
    expect(row?.map((segment) => segment.index)).toEqual([0, 1, 2, 3, 4]);
    expect(shares(row ?? [])).toEqual([0.125, 0.25, 0.0625, 0.5, 0.0625]);
  });

  it("cuts a region that crosses a row's end and goes on in the next row", () => {
    const rows = memoryMapRows(layout, 2);
    expect(rows.map((row) => row.map((segment) => segment.index))).toEqual([
      [0, 1, 2, 3],
      [3, 4],
    ]);
    expect(shares(rows[0] ?? [])).toEqual([0.25, 0.5, 0.125, 0.125]);
    expect(shares(rows[1] ?? [])).toEqual([0.875, 0.125]);
  });

  it("fills every row completely", () => {
    for (const row of memoryMapRows(layout, 3)) {
      expect(row.reduce((sum, segment) => sum + segment.share, 0)).toBeCloseTo(1, 9);
    }
  });

  it("draws nothing for an empty layout", () => {
    expect(memoryMapRows([], 1)).toEqual([]);
  });
});

describe("memoryMapRowCount", () => {
  it("uses one strip for a few regions and more rows for many, up to a limit", () => {
    expect(memoryMapRowCount(0)).toBe(1);
    expect(memoryMapRowCount(16)).toBe(1);
    expect(memoryMapRowCount(17)).toBe(2);
    expect(memoryMapRowCount(1000)).toBe(8);
  });
});

describe("freeBlocksLargestFirst", () => {
  it("orders by size, then address", () => {
    const blocks: MemoryRegion[] = [
      { address: "0x2", sizeMiB: 512, use: "free" },
      { address: "0x3", sizeMiB: 2048, use: "free" },
      { address: "0x1", sizeMiB: 512, use: "free" },
    ];
    expect(freeBlocksLargestFirst(blocks).map((block) => block.address)).toEqual(["0x3", "0x1", "0x2"]);
  });
});

describe("memoryUse", () => {
  it("adds up each use and finds the largest free block", () => {
    const use = memoryUse(layout);
    expect(use).toEqual({
      totalMiB: 8192,
      freeMiB: 1024,
      domainMiB: 6144,
      reservedMiB: 1024,
      freeBlocks: 2,
      largestFreeMiB: 512,
    });
    expect(describeMemoryUse(use, layout.length)).toBe(
      "8G in 5 regions: 1G free in 2 blocks (largest 512M), 6G for domains, 1G reserved",
    );
    expect(describeMemoryUse({ ...use, reservedMiB: 0, freeMiB: 2048 }, 2)).toBe(
      "8G in 2 regions: 2G free in 2 blocks (largest 512M), 6G for domains",
    );
  });
});
