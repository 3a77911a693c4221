import { describe, expect, it } from "vitest";
import { findGuestRamMapping, isNonZeroPage, populatedPages } from "./guest-ram";

const MiB = 1024 * 1024;

/** A trimmed /proc/PID/smaps of a QEMU with a 1 GiB guest under TCG. */
const SMAPS = `55d0c0a00000-55d0c0c00000 r--p 00000000 08:01 131 /usr/bin/qemu-system-x86_64
Size:               2048 kB
Rss:                2048 kB
7fa4a7e00000-7fa4e7e00000 rw-p 00000000 00:00 0 
Size:            1048576 kB
Rss:              149504 kB
Pss:              149504 kB
7fa4f0000000-7fa52ffff000 rwxp 00000000 00:00 0 
Size:            1048572 kB
Rss:               47104 kB
7fa540000000-7fa540400000 rw-p 00000000 00:00 0 
Size:               4096 kB
Rss:                4096 kB
7fa550000000-7fa590000000 rw-s 00000000 00:01 1031 /memfd:other (deleted)
Size:            1048576 kB
Rss:              900000 kB
`;

describe("findGuestRamMapping", () => {
  it("finds the private read-write mapping of the guest's size, with its resident size", () => {
    expect(findGuestRamMapping(SMAPS, 1024 * MiB)).toEqual({
      start: 0x7fa4a7e00000,
      end: 0x7fa4e7e00000,
      residentBytes: 149504 * 1024,
    });
  });

  it("does not take TCG's executable code buffer, a shared mapping or a smaller one", () => {
    const withoutRam = SMAPS.replace("7fa4a7e00000-7fa4e7e00000 rw-p", "7fa4a7e00000-7fa4e7e00000 r--p");
    expect(findGuestRamMapping(withoutRam, 1024 * MiB)).toBeNull();
    expect(findGuestRamMapping(SMAPS, 2048 * MiB)).toBeNull();
  });

  it("allows the mapping a few MiB of alignment padding", () => {
    const padded = SMAPS.replace("7fa4a7e00000-7fa4e7e00000", "7fa4a7e00000-7fa4e8000000");
    expect(findGuestRamMapping(padded, 1024 * MiB)?.residentBytes).toBe(149504 * 1024);
  });
});

describe("populatedPages", () => {
  it("takes the pages pagemap says are present (bit 63) or swapped out (bit 62), not the untouched", () => {
    const entries = Buffer.alloc(4 * 8);
    entries.writeBigUInt64LE(1n << 63n, 0);
    entries.writeBigUInt64LE(0x12345n, 8); // a frame number without the present bit
    entries.writeBigUInt64LE(1n << 62n, 16);
    entries.writeBigUInt64LE((1n << 63n) | 0xabcn, 24);
    expect(populatedPages(entries, 10)).toEqual([10, 12, 13]);
  });
});

describe("isNonZeroPage", () => {
  it("tells a zero page from one with a single byte set", () => {
    const page = Buffer.alloc(4096);
    expect(isNonZeroPage(page)).toBe(false);
    page[4095] = 1;
    expect(isNonZeroPage(page)).toBe(true);
  });
});
