import { describe, expect, it } from "vitest";
import { DirtyBitmap } from "./dirty-bitmap";

/** xorshift32, seeded, for repeatable random marks. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function expand(runs: [number, number][]): number[] {
  return runs.flatMap(([start, count]) => Array.from({ length: count }, (_, i) => start + i));
}

describe("DirtyBitmap", () => {
  it("starts clean", () => {
    const bitmap = new DirtyBitmap(13);
    expect(bitmap.pages).toBe(13);
    expect(bitmap.dirtyCount).toBe(0);
    expect(bitmap.takeRuns()).toEqual([]);
  });

  it("counts each page once however often it is marked", () => {
    const bitmap = new DirtyBitmap(13);
    bitmap.mark(5);
    bitmap.mark(5);
    bitmap.mark(12);
    expect(bitmap.dirtyCount).toBe(2);
    expect(bitmap.isSet(5)).toBe(true);
    expect(bitmap.isSet(12)).toBe(true);
    expect(bitmap.isSet(4)).toBe(false);
  });

  it("marks ranges", () => {
    const bitmap = new DirtyBitmap(13);
    bitmap.markRange(3, 4);
    bitmap.markRange(5, 4);
    expect(bitmap.dirtyCount).toBe(6);
    expect(bitmap.takeRuns()).toEqual([[3, 6]]);
  });

  it("setAll with a page count not a multiple of 8 sets exactly the pages", () => {
    const bitmap = new DirtyBitmap(13);
    bitmap.setAll();
    expect(bitmap.dirtyCount).toBe(13);
    expect(bitmap.isSet(12)).toBe(true);
    expect(bitmap.isSet(13)).toBe(false);
    expect(bitmap.isSet(15)).toBe(false);
    expect(bitmap.takeRuns()).toEqual([[0, 13]]);
    expect(bitmap.dirtyCount).toBe(0);
    expect(bitmap.takeRuns()).toEqual([]);
  });

  it("setAll on a multiple of 8, and on a single page", () => {
    const bitmap = new DirtyBitmap(16);
    bitmap.setAll();
    expect(bitmap.takeRuns()).toEqual([[0, 16]]);
    const one = new DirtyBitmap(1);
    one.setAll();
    expect(one.dirtyCount).toBe(1);
    expect(one.takeRuns()).toEqual([[0, 1]]);
  });

  it("takeRuns finds runs across byte boundaries and at both ends, then clears", () => {
    const bitmap = new DirtyBitmap(21);
    for (const page of [0, 1, 2, 7, 8, 15, 16, 17, 18, 19, 20]) bitmap.mark(page);
    expect(bitmap.takeRuns()).toEqual([
      [0, 3],
      [7, 2],
      [15, 6],
    ]);
    expect(bitmap.dirtyCount).toBe(0);
    expect(bitmap.isSet(0)).toBe(false);
  });

  it("takeRuns over whole dirty bytes in the middle of a run", () => {
    const bitmap = new DirtyBitmap(64);
    bitmap.markRange(3, 50);
    expect(bitmap.takeRuns()).toEqual([[3, 50]]);
    bitmap.markRange(8, 8);
    expect(bitmap.takeRuns()).toEqual([[8, 8]]);
    bitmap.markRange(56, 8);
    expect(bitmap.takeRuns()).toEqual([[56, 8]]);
  });

  it("property: runs are sorted, separated, and give back exactly the marked pages", () => {
    const random = prng(1234);
    for (let trial = 0; trial < 200; trial++) {
      const pages = 1 + Math.floor(random() * 200);
      const bitmap = new DirtyBitmap(pages);
      const model = new Set<number>();
      const density = random();
      for (let page = 0; page < pages; page++) {
        if (random() < density) {
          bitmap.mark(page);
          model.add(page);
        }
      }
      if (random() < 0.2) {
        bitmap.setAll();
        for (let page = 0; page < pages; page++) model.add(page);
      }
      expect(bitmap.dirtyCount).toBe(model.size);
      const runs = bitmap.takeRuns();
      expect(expand(runs)).toEqual([...model].sort((a, b) => a - b));
      for (let i = 1; i < runs.length; i++) {
        const [prevStart, prevCount] = runs[i - 1] as [number, number];
        expect((runs[i] as [number, number])[0]).toBeGreaterThan(prevStart + prevCount);
      }
      expect(bitmap.dirtyCount).toBe(0);
    }
  });

  it("refuses pages outside the map, leaving the count alone", () => {
    const bitmap = new DirtyBitmap(13);
    expect(() => bitmap.mark(13)).toThrow(RangeError);
    expect(() => bitmap.mark(-1)).toThrow(RangeError);
    expect(bitmap.dirtyCount).toBe(0);
  });
});
