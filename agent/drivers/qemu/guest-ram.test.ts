import { describe, expect, it } from "vitest";
import { parseGuestRamResident } from "./guest-ram";

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

describe("parseGuestRamResident", () => {
  it("reads the resident part of the private read-write mapping of the guest's size", () => {
    expect(parseGuestRamResident(SMAPS, 1024 * MiB)).toBe(149504 * 1024);
  });

  it("does not take TCG's executable code buffer, a shared mapping or a smaller one", () => {
    const withoutRam = SMAPS.replace("7fa4a7e00000-7fa4e7e00000 rw-p", "7fa4a7e00000-7fa4e7e00000 r--p");
    expect(parseGuestRamResident(withoutRam, 1024 * MiB)).toBeNull();
    expect(parseGuestRamResident(SMAPS, 2048 * MiB)).toBeNull();
  });

  it("allows the mapping a few MiB of alignment padding", () => {
    const padded = SMAPS.replace("7fa4a7e00000-7fa4e7e00000", "7fa4a7e00000-7fa4e8000000");
    expect(parseGuestRamResident(padded, 1024 * MiB)).toBe(149504 * 1024);
  });
});
