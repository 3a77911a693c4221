import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * The guest's parts come from Debian's own packages, fetched with apt (which needs no root to
 * download) and unpacked with dpkg-deb, so the guest is built from the same archive CI installs from.
 */

const run = promisify(execFile);
const LARGE_OUTPUT = { maxBuffer: 64 * 1024 * 1024 };

export interface DebianPackage {
  name: string;
  version: string;
}

/** The versioned kernel package (linux-image-6.1.0-<N>-amd64) that the linux-image-amd64 metapackage points at. */
export async function currentKernelPackage(): Promise<string> {
  const { stdout } = await aptCache(["depends", "linux-image-amd64"]);
  const name = /Depends: (linux-image-\d[^\s]*-amd64)\b/.exec(stdout)?.[1];
  if (!name) throw new Error(`apt-cache depends linux-image-amd64 names no kernel package:\n${stdout}`);
  return name;
}

/** The version apt would install of each package, read from the package lists. */
export async function candidateVersions(names: string[]): Promise<DebianPackage[]> {
  const { stdout } = await aptCache(["show", "--no-all-versions", ...names]);
  const found = new Map<string, string>();
  for (const stanza of stdout.split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1];
    const version = /^Version: (.+)$/m.exec(stanza)?.[1];
    if (name && version) found.set(name, version);
  }
  return names.map((name) => {
    const version = found.get(name);
    if (!version) throw new Error(`apt knows no version of ${name}`);
    return { name, version };
  });
}

/** Downloads the packages' .deb files into `dir` and returns their paths in the order asked. */
export async function downloadPackages(packages: DebianPackage[], dir: string): Promise<string[]> {
  await run("apt-get", ["download", ...packages.map((p) => `${p.name}=${p.version}`)], {
    cwd: dir,
    ...LARGE_OUTPUT,
  });
  const files = await readdir(dir);
  return packages.map((p) => {
    const file = files.find((f) => f.startsWith(`${p.name}_`) && f.endsWith(".deb"));
    if (!file) throw new Error(`apt-get download left no .deb of ${p.name} in ${dir}`);
    return join(dir, file);
  });
}

/**
 * Unpacks only the members matching `pattern` (a tar wildcard such as "./boot/vmlinuz-*") into `dir`:
 * the kernel package is 70 MB of modules around the one 8 MB file the guest boots.
 */
export async function extractFromDeb(deb: string, pattern: string, dir: string): Promise<void> {
  // tar may stop reading before dpkg-deb has written the archive's padding; dpkg-deb then complains
  // about a broken pipe, which says nothing about the members: the caller checks that they exist.
  const script = 'dpkg-deb --fsys-tarfile "$1" 2>/dev/null | tar -x -C "$2" --wildcards "$3"';
  await run("sh", ["-c", script, "sh", deb, dir, pattern], LARGE_OUTPUT);
}

/**
 * apt-cache, with one `apt-get update` when the lists are missing (a fresh machine): possible as root
 * only, otherwise the error says what to run.
 */
async function aptCache(args: string[]) {
  try {
    return await run("apt-cache", args, LARGE_OUTPUT);
  } catch (error) {
    if (process.getuid?.() !== 0) {
      throw new Error(
        `apt-cache ${args.join(" ")} failed; is "sudo apt-get update" needed? ${String(error)}`,
      );
    }
    await run("apt-get", ["update", "-qq"], LARGE_OUTPUT);
    return run("apt-cache", args, LARGE_OUTPUT);
  }
}
