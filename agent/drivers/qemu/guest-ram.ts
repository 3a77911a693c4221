import { readFile } from "node:fs/promises";

/**
 * How much of a guest's memory is populated: the resident part of QEMU's guest-RAM mapping, from
 * /proc/PID/smaps. Memory the guest never touched is not resident and reads as zero, and QEMU
 * sends a zero page as a few bytes, so this is about what the first pre-copy round really sends
 * (a little more: pages the guest's kernel zeroed are resident but still sent as zero).
 */

/** QEMU maps guest RAM as one private read-write mapping of its size, padded for alignment at most. */
const ALIGNMENT_SLACK_BYTES = 8 * 1024 * 1024;

const MAPPING_LINE = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/;

/**
 * Resident bytes of the guest-RAM mapping in smaps text, or null when no mapping looks like it.
 * TCG's code buffer can be as large as the guest's RAM but is executable (rwxp): it is not taken.
 */
export function parseGuestRamResident(smaps: string, memoryBytes: number): number | null {
  let candidate = false;
  let best: number | null = null;
  for (const line of smaps.split("\n")) {
    const mapping = MAPPING_LINE.exec(line);
    if (mapping) {
      const size = Number.parseInt(mapping[2] ?? "0", 16) - Number.parseInt(mapping[1] ?? "0", 16);
      const anonymous = (mapping[4] ?? "").trim() === "";
      candidate =
        mapping[3] === "rw-p" &&
        anonymous &&
        size >= memoryBytes &&
        size <= memoryBytes + ALIGNMENT_SLACK_BYTES;
      continue;
    }
    const rss = candidate ? /^Rss:\s+(\d+) kB/.exec(line) : null;
    if (rss) best = Math.max(best ?? 0, Number(rss[1]) * 1024);
  }
  return best;
}

/** Null when the process is gone or its mappings cannot be read. */
export async function readGuestRamResident(pid: number, memoryBytes: number): Promise<number | null> {
  try {
    return parseGuestRamResident(await readFile(`/proc/${pid}/smaps`, "utf8"), memoryBytes);
  } catch {
    return null;
  }
}
