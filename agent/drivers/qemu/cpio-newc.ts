/**
 * Writes a cpio archive in the "newc" format the Linux kernel unpacks as an initramfs. Written here
 * rather than with the cpio tool because the archive can then hold a /dev/console device node (the
 * kernel needs it to give /init a console) without root and without mknod.
 */

export type CpioEntry =
  | { kind: "directory"; path: string; mode?: number }
  | { kind: "file"; path: string; data: Buffer; mode?: number }
  | { kind: "symlink"; path: string; target: string }
  | { kind: "char-device"; path: string; major: number; minor: number; mode?: number };

const TYPE_BITS = { directory: 0o040000, file: 0o100000, symlink: 0o120000, "char-device": 0o020000 };
const DEFAULT_PERMISSIONS = { directory: 0o755, file: 0o644, symlink: 0o777, "char-device": 0o600 };
const TRAILER = "TRAILER!!!";

/** The archive: entries in the order given (parents before children), then the trailer. */
export function cpioNewc(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  entries.forEach((entry, index) => {
    parts.push(...record(entry, index + 1));
  });
  parts.push(...header(TRAILER, { ino: 0, mode: 0, nlink: 1, size: 0 }));
  return Buffer.concat(parts);
}

function record(entry: CpioEntry, ino: number): Buffer[] {
  const path = entry.path.replace(/^\/+/, "");
  if (path === "" || path.split("/").includes("..")) throw new Error(`cpio: bad path "${entry.path}"`);
  const permissions =
    "mode" in entry && entry.mode !== undefined ? entry.mode : DEFAULT_PERMISSIONS[entry.kind];
  const mode = TYPE_BITS[entry.kind] | (permissions & 0o7777);
  const data =
    entry.kind === "file"
      ? entry.data
      : entry.kind === "symlink"
        ? Buffer.from(entry.target)
        : Buffer.alloc(0);
  const device = entry.kind === "char-device" ? { major: entry.major, minor: entry.minor } : undefined;
  const nlink = entry.kind === "directory" ? 2 : 1;
  return [...header(path, { ino, mode, nlink, size: data.length, device }), data, padding(data.length)];
}

interface HeaderFields {
  ino: number;
  mode: number;
  nlink: number;
  size: number;
  device?: { major: number; minor: number } | undefined;
}

function header(name: string, fields: HeaderFields): Buffer[] {
  const nameBytes = Buffer.from(`${name}\0`);
  // Fixed owner (root) and time (0) keep the archive the same for the same inputs.
  const numbers = [
    fields.ino,
    fields.mode,
    0, // uid
    0, // gid
    fields.nlink,
    0, // mtime
    fields.size,
    0, // devmajor
    0, // devminor
    fields.device?.major ?? 0,
    fields.device?.minor ?? 0,
    nameBytes.length,
    0, // check: unused by "newc"
  ];
  const text = `070701${numbers.map((n) => n.toString(16).padStart(8, "0")).join("")}`;
  const head = Buffer.from(text, "ascii");
  return [head, nameBytes, padding(head.length + nameBytes.length)];
}

/** newc aligns every header and every file's data to 4 bytes. */
function padding(length: number): Buffer {
  return Buffer.alloc((4 - (length % 4)) % 4);
}
