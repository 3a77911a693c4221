import { fitBlockSizes } from "../memory/fit-blocks";

/**
 * A host's free memory ranges as the plan changes them. Placement is lib/memory/fit-blocks.ts's
 * (the pre-check's and the hypervisor's own), so what this allocates is what MEMORY_LAYOUT_INCOMPATIBLE
 * accepts. A departing domain's blocks come back as ranges of their own: the snapshot does not say
 * where they sit, so they are never assumed to merge with a neighbour (the cautious reading).
 */

/** The blocks a domain binds: its own, or all its memory as one block when not given. */
export function blocksOf(domain: { memoryMiB: number; memoryBlocksMiB?: number[] | undefined }): number[] {
  return domain.memoryBlocksMiB ?? [domain.memoryMiB];
}

/** The free ranges left after placing `blocks`, in the same order; null when they do not fit. */
export function allocateBlocks(free: readonly number[], blocks: readonly number[]): number[] | null {
  const fit = fitBlockSizes(blocks, free);
  if (!fit.ok) return null;
  // fitBlockSizes lays the ranges out one after another with a gap of 1: find each block's range.
  const starts: number[] = [];
  let offset = 0;
  for (const size of free) {
    starts.push(offset);
    offset += size + 1;
  }
  const left = [...free];
  for (const [index, start] of fit.starts.entries()) {
    let range = starts.length - 1;
    while (range > 0 && (starts[range] ?? 0) > start) range--;
    left[range] = (left[range] ?? 0) - (blocks[index] ?? 0);
  }
  return left.filter((size) => size > 0);
}

export function releaseBlocks(free: readonly number[], blocks: readonly number[]): number[] {
  return [...free, ...blocks];
}
