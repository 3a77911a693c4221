import { describe, expect, it } from "vitest";
import { cpioNewc } from "./cpio-newc";

/** Reads a newc archive back: what the kernel's initramfs unpacker would see. */
function readBack(archive: Buffer) {
  const entries: { name: string; mode: number; rdev: [number, number]; data: Buffer }[] = [];
  let at = 0;
  for (;;) {
    expect(archive.toString("ascii", at, at + 6)).toBe("070701");
    const field = (i: number) =>
      Number.parseInt(archive.toString("ascii", at + 6 + i * 8, at + 14 + i * 8), 16);
    const [mode, size, rdevMajor, rdevMinor, nameSize] = [field(1), field(6), field(9), field(10), field(11)];
    const name = archive.toString("utf8", at + 110, at + 110 + nameSize - 1);
    at = align(at + 110 + nameSize);
    const data = archive.subarray(at, at + size);
    at = align(at + size);
    if (name === "TRAILER!!!") return { entries, length: at };
    entries.push({ name, mode, rdev: [rdevMajor, rdevMinor], data });
  }
}

const align = (n: number) => (n + 3) & ~3;

describe("cpioNewc", () => {
  it("writes directories, files, symlinks and device nodes the way the kernel reads them", () => {
    const archive = cpioNewc([
      { kind: "directory", path: "bin" },
      { kind: "char-device", path: "dev/console", major: 5, minor: 1 },
      { kind: "file", path: "/init", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
      { kind: "symlink", path: "bin/sh", target: "busybox" },
    ]);
    const { entries, length } = readBack(archive);
    expect(length).toBe(archive.length);
    expect(entries.map((e) => [e.name, e.mode.toString(8)])).toEqual([
      ["bin", "40755"],
      ["dev/console", "20600"],
      ["init", "100755"],
      ["bin/sh", "120777"],
    ]);
    expect(entries[1]?.rdev).toEqual([5, 1]);
    expect(entries[2]?.data.toString()).toBe("#!/bin/sh\n");
    expect(entries[3]?.data.toString()).toBe("busybox");
  });

  it("gives the same bytes for the same entries, so a cached image's hash stays put", () => {
    const entries = [{ kind: "file" as const, path: "a", data: Buffer.from("x") }];
    expect(cpioNewc(entries).equals(cpioNewc(entries))).toBe(true);
  });

  it("refuses paths that would climb out of the archive", () => {
    expect(() => cpioNewc([{ kind: "directory", path: "../etc" }])).toThrow(/bad path/);
  });
});
