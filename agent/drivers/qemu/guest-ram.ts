import { open, readFile } from "node:fs/promises";

/**
 * How much of a guest's memory is populated, that is not zero: what QEMU's first pre-copy round
 * really sends, since it sends a zero page as a few bytes. QEMU's guest-RAM mapping is found in
 * /proc/PID/smaps; its pages that are in memory (/proc/PID/pagemap) are read (/proc/PID/mem) and
 * the non-zero ones counted, as QEMU's own zero-page check does. Where the agent may not read
 * QEMU's memory, the mapping's resident size stands in: an upper bound, since a guest kernel's
 * zeroed pages, and after an incoming migration every page, are resident.
 */

const PAGE_SIZE = 4096;
/** QEMU maps guest RAM as one private read-write mapping of its size, padded for alignment at most. */
const ALIGNMENT_SLACK_BYTES = 8 * 1024 * 1024;
/** Read in pieces, so that the agent's other work goes on between them. */
const CHUNK_PAGES = 512;

const MAPPING_LINE = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/;

export interface GuestRamMapping {
  start: number;
  end: number;
  residentBytes: number;
}

/**
 * The guest-RAM mapping in smaps text, or null when no mapping looks like it. TCG's code buffer
 * can be as large as the guest's RAM but is executable (rwxp): it is not taken.
 */
export function findGuestRamMapping(smaps: string, memoryBytes: number): GuestRamMapping | null {
  let current: GuestRamMapping | null = null;
  let best: GuestRamMapping | null = null;
  for (const line of smaps.split("\n")) {
    const mapping = MAPPING_LINE.exec(line);
    if (mapping) {
      const start = Number.parseInt(mapping[1] ?? "0", 16);
      const end = Number.parseInt(mapping[2] ?? "0", 16);
      const anonymous = (mapping[4] ?? "").trim() === "";
      const fits = end - start >= memoryBytes && end - start <= memoryBytes + ALIGNMENT_SLACK_BYTES;
      current = mapping[3] === "rw-p" && anonymous && fits ? { start, end, residentBytes: 0 } : null;
      continue;
    }
    const rss = current ? /^Rss:\s+(\d+) kB/.exec(line) : null;
    if (current && rss) {
      current.residentBytes = Number(rss[1]) * 1024;
      if (!best || current.residentBytes > best.residentBytes) best = current;
    }
  }
  return best;
}

/** Page indexes (from the mapping's start) that are in memory or swapped out, from pagemap entries. */
export function populatedPages(pagemap: Buffer, firstPage: number): number[] {
  const pages: number[] = [];
  for (let i = 0; i + 8 <= pagemap.length; i += 8) {
    const flags = pagemap.readUInt8(i + 7);
    // Bit 63: present; bit 62: swapped. Neither: never touched, so zero.
    if (flags & 0xc0) pages.push(firstPage + i / 8);
  }
  return pages;
}

/** Whether a page holds anything but zeros. */
export function isNonZeroPage(page: Buffer): boolean {
  return !page.equals(ZERO_PAGE);
}
const ZERO_PAGE = Buffer.alloc(PAGE_SIZE);

/** Bytes of non-zero pages in the mapping, read from QEMU's memory; throws where that is refused. */
async function countNonZeroBytes(pid: number, mapping: GuestRamMapping): Promise<number> {
  const pagemap = await open(`/proc/${pid}/pagemap`, "r");
  const memory = await open(`/proc/${pid}/mem`, "r");
  try {
    const pageCount = Math.floor((mapping.end - mapping.start) / PAGE_SIZE);
    const entries = Buffer.alloc(CHUNK_PAGES * 8);
    const pages = Buffer.alloc(CHUNK_PAGES * PAGE_SIZE);
    let nonZero = 0;
    for (let first = 0; first < pageCount; first += CHUNK_PAGES) {
      const count = Math.min(CHUNK_PAGES, pageCount - first);
      const firstAddress = mapping.start + first * PAGE_SIZE;
      const { bytesRead } = await pagemap.read(entries, 0, count * 8, (firstAddress / PAGE_SIZE) * 8);
      const populated = populatedPages(entries.subarray(0, bytesRead), 0);
      const last = populated.at(-1);
      if (last === undefined) continue;
      // One read from the first populated page to the last: the untouched ones between read as zero.
      const from = populated[0] ?? 0;
      await memory.read(pages, 0, (last - from + 1) * PAGE_SIZE, firstAddress + from * PAGE_SIZE);
      for (const index of populated) {
        const offset = (index - from) * PAGE_SIZE;
        if (isNonZeroPage(pages.subarray(offset, offset + PAGE_SIZE))) nonZero++;
      }
    }
    return nonZero * PAGE_SIZE;
  } finally {
    await Promise.all([pagemap.close(), memory.close()]);
  }
}

export interface PopulatedMemory {
  bytes: number;
  /** "scanned": non-zero pages counted; "resident": the mapping's resident size, an upper bound. */
  how: "scanned" | "resident";
}

/** Null when the process is gone or its guest-RAM mapping cannot be found. */
export async function measurePopulated(pid: number, memoryBytes: number): Promise<PopulatedMemory | null> {
  let mapping: GuestRamMapping | null;
  try {
    mapping = findGuestRamMapping(await readFile(`/proc/${pid}/smaps`, "utf8"), memoryBytes);
  } catch {
    return null;
  }
  if (!mapping) return null;
  try {
    return { bytes: await countNonZeroBytes(pid, mapping), how: "scanned" };
  } catch {
    return { bytes: mapping.residentBytes, how: "resident" };
  }
}
