import { describe, expect, it } from "vitest";
import { fitBlockSizes, fitBlocks } from "./fit-blocks";

describe("fitBlocks", () => {
  it("puts each block into the smallest range that holds it", () => {
    const free = [
      { start: 0, size: 4096 },
      { start: 10_000, size: 1024 },
      { start: 20_000, size: 2048 },
    ];
    expect(fitBlocks([1024], free)).toEqual({ ok: true, starts: [10_000] });
    expect(fitBlocks([1500], free)).toEqual({ ok: true, starts: [20_000] });
    expect(fitBlocks([3000], free)).toEqual({ ok: true, starts: [0] });
  });

  it("places the largest block first, reporting starts in the caller's order", () => {
    // The 2048 block is placed first (the only range it fits), the 1024 block then best-fits.
    const free = [
      { start: 0, size: 2048 },
      { start: 5000, size: 1024 },
    ];
    expect(fitBlocks([1024, 2048], free)).toEqual({ ok: true, starts: [5000, 0] });
  });

  it("packs several blocks into one range back to back", () => {
    expect(fitBlocks([512, 512, 1024], [{ start: 100, size: 2048 }])).toEqual({
      ok: true,
      starts: [1124, 1636, 100],
    });
  });

  it("largest first finds a packing that placing in the given order would miss", () => {
    // In order, the 1 would take the exact-ish range of 2 and leave no room for the second 2.
    const free = [
      { start: 0, size: 3 },
      { start: 10, size: 2 },
    ];
    expect(fitBlocks([1, 2, 2], free)).toEqual({ ok: true, starts: [2, 10, 0] });
  });

  it("names the block that found no room by its index in the input", () => {
    expect(
      fitBlocks(
        [512, 2048, 1024],
        [
          { start: 0, size: 1024 },
          { start: 2000, size: 1024 },
        ],
      ),
    ).toEqual({
      ok: false,
      failedBlock: 1,
    });
    expect(fitBlocks([1024, 1024, 1024], [{ start: 0, size: 2048 }])).toMatchObject({
      ok: false,
      failedBlock: 2,
    });
  });

  it("does not change the ranges it is given", () => {
    const free = [{ start: 0, size: 100 }];
    fitBlocks([60], free);
    expect(free).toEqual([{ start: 0, size: 100 }]);
  });

  it("fits nothing into nothing, and no blocks anywhere", () => {
    expect(fitBlocks([], [])).toEqual({ ok: true, starts: [] });
    expect(fitBlocks([1], [])).toEqual({ ok: false, failedBlock: 0 });
  });
});

describe("fitBlockSizes", () => {
  it("cannot take one 2G block into 2G free as two 1G blocks (the LDoms example)", () => {
    expect(fitBlockSizes([2048], [1024, 1024])).toEqual({ ok: false, failedBlock: 0 });
  });

  it("never merges neighbouring free sizes into one range", () => {
    expect(fitBlockSizes([3], [1, 1, 1])).toMatchObject({ ok: false });
    expect(fitBlockSizes([1, 1, 1], [1, 1, 1])).toMatchObject({ ok: true });
  });

  it("takes identically sized blocks into identically sized ranges", () => {
    expect(fitBlockSizes([1024, 1024], [1024, 1024]).ok).toBe(true);
    expect(fitBlockSizes([1024, 2048, 512], [4096]).ok).toBe(true);
    expect(fitBlockSizes([1024, 2048, 1024], [2048, 2048]).ok).toBe(true);
    // 2048 and 1025 are placed first; the 1024 block (index 0) is the one left without room.
    expect(fitBlockSizes([1024, 2048, 1025], [2048, 2048])).toEqual({ ok: false, failedBlock: 0 });
  });

  it("places blocks inside their own range, never across the gap to the next", () => {
    const sizes = [700, 300, 1000];
    const fit = fitBlockSizes([300, 700, 400, 600], sizes);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    // Recompute the ranges fitBlockSizes builds and check every block lies within one.
    let offset = 0;
    const ranges = sizes.map((size) => {
      const range = { start: offset, end: offset + size };
      offset += size + 1;
      return range;
    });
    [300, 700, 400, 600].forEach((size, i) => {
      const start = fit.starts[i] as number;
      expect(ranges.some((range) => start >= range.start && start + size <= range.end)).toBe(true);
    });
  });
});
