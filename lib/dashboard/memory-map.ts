import type { MemoryRegion } from "../schemas/host";
import { formatSizeMiB } from "../units";

/**
 * The physical memory layout cut into rows of equal address span, so that a host with many
 * regions still gets a readable picture: each region's width is its share of a row, and a region
 * that crosses a row's end goes on in the next row, as on a disk defragmenter's map.
 */

export interface MemorySegment {
  /** Position of the region in the layout: segments of one region share it. */
  index: number;
  region: MemoryRegion;
  /** Part of the row this piece takes, 0-1. */
  share: number;
}

/** Few regions fit one strip; beyond that a row per REGIONS_PER_ROW regions, up to MAX_ROWS. */
const REGIONS_PER_ROW = 16;
const MAX_ROWS = 8;

export function memoryMapRowCount(regions: number): number {
  return Math.min(MAX_ROWS, Math.max(1, Math.ceil(regions / REGIONS_PER_ROW)));
}

export function memoryMapRows(layout: readonly MemoryRegion[], rowCount: number): MemorySegment[][] {
  const total = layout.reduce((sum, region) => sum + region.sizeMiB, 0);
  if (total === 0 || rowCount < 1) return [];
  const rowSize = total / rowCount;
  // Pieces smaller than this are float noise from cutting at row ends, not memory.
  const epsilon = total * 1e-9;
  const rows: MemorySegment[][] = Array.from({ length: rowCount }, () => []);
  let start = 0;
  layout.forEach((region, index) => {
    const end = start + region.sizeMiB;
    const firstRow = Math.min(rowCount - 1, Math.floor(start / rowSize));
    for (let row = firstRow; row < rowCount && row * rowSize < end; row++) {
      const piece = Math.min(end, (row + 1) * rowSize) - Math.max(start, row * rowSize);
      if (piece > epsilon) rows[row]?.push({ index, region, share: piece / rowSize });
    }
    start = end;
  });
  return rows;
}

/** Free blocks, largest first (ties in address order), whatever order the agent sent. */
export function freeBlocksLargestFirst(blocks: readonly MemoryRegion[]): MemoryRegion[] {
  return [...blocks].sort((a, b) => b.sizeMiB - a.sizeMiB || a.address.localeCompare(b.address));
}

export interface MemoryUse {
  totalMiB: number;
  freeMiB: number;
  domainMiB: number;
  reservedMiB: number;
  freeBlocks: number;
  largestFreeMiB: number;
}

export function memoryUse(layout: readonly MemoryRegion[]): MemoryUse {
  const sum = (use: MemoryRegion["use"]) =>
    layout.filter((region) => region.use === use).reduce((total, region) => total + region.sizeMiB, 0);
  const free = layout.filter((region) => region.use === "free");
  return {
    totalMiB: layout.reduce((total, region) => total + region.sizeMiB, 0),
    freeMiB: sum("free"),
    domainMiB: sum("domain"),
    reservedMiB: sum("reserved"),
    freeBlocks: free.length,
    largestFreeMiB: Math.max(0, ...free.map((region) => region.sizeMiB)),
  };
}

/** One sentence for screen readers and the picture's caption. */
export function describeMemoryUse(use: MemoryUse, regions: number): string {
  const blocks = use.freeBlocks === 1 ? "1 block" : `${use.freeBlocks} blocks`;
  const largest = use.freeBlocks > 1 ? ` (largest ${formatSizeMiB(use.largestFreeMiB)})` : "";
  // Nothing reserved (a QEMU host whose machine has room) goes unsaid rather than "0M reserved".
  const reserved = use.reservedMiB > 0 ? `, ${formatSizeMiB(use.reservedMiB)} reserved` : "";
  return (
    `${formatSizeMiB(use.totalMiB)} in ${regions} regions: ` +
    `${formatSizeMiB(use.freeMiB)} free in ${blocks}${largest}, ` +
    `${formatSizeMiB(use.domainMiB)} for domains${reserved}`
  );
}
