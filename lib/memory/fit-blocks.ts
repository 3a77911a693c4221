/**
 * Places memory blocks into free contiguous ranges, largest block first, each into the smallest
 * range that holds it (best fit). The pre-check and the simulated hypervisor's allocator both use
 * this, so a check that passes is an allocation that succeeds.
 */

export interface FreeRange {
  start: number;
  size: number;
}

export type FitResult = { ok: true; starts: number[] } | { ok: false; failedBlock: number };

/** `blocks` and ranges in one unit (MiB or bytes); `starts[i]` is where block i goes. */
export function fitBlocks(blocks: readonly number[], free: readonly FreeRange[]): FitResult {
  const ranges = free.map((range) => ({ ...range }));
  const order = blocks.map((size, index) => ({ size, index })).sort((a, b) => b.size - a.size);
  const starts = new Array<number>(blocks.length).fill(0);
  for (const block of order) {
    let best: { start: number; size: number } | undefined;
    for (const range of ranges) {
      if (range.size >= block.size && (best === undefined || range.size < best.size)) best = range;
    }
    if (best === undefined) return { ok: false, failedBlock: block.index };
    starts[block.index] = best.start;
    best.start += block.size;
    best.size -= block.size;
  }
  return { ok: true, starts };
}

/** The same placement for free ranges given only as sizes (as in a planner snapshot). */
export function fitBlockSizes(blocks: readonly number[], freeSizes: readonly number[]): FitResult {
  let offset = 0;
  const ranges = freeSizes.map((size) => {
    const range = { start: offset, size };
    offset += size + 1;
    return range;
  });
  return fitBlocks(blocks, ranges);
}
