import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { type CpioEntry, cpioNewc } from "./cpio-newc";
import { candidateVersions, currentKernelPackage, downloadPackages, extractFromDeb } from "./debian-packages";

/**
 * Builds the tiny guest into `outDir`: Debian's kernel, and an initramfs of busybox-static, an /init
 * script and the memory-dirtying workload compiled with gcc -static. The caller makes it appear
 * atomically (see guest-image.ts).
 */

const run = promisify(execFile);

export const KERNEL_FILE = "vmlinuz";
export const INITRD_FILE = "initrd.cpio";
export const MANIFEST_FILE = "manifest.json";

/** What the image holds; read by nobody but a curious person, so it says where each part came from. */
export interface GuestManifest {
  key: string;
  kernel: { package: string; version: string; file: string };
  busybox: { package: string; version: string };
  workload: { compiler: string };
  builtAt: string;
}

export interface GuestSources {
  init: Buffer;
  workloadC: string;
}

export async function buildGuestImage(
  key: string,
  sources: GuestSources,
  workDir: string,
  outDir: string,
  log: (line: string) => void,
): Promise<GuestManifest> {
  const kernelName = await currentKernelPackage();
  const [kernelPackage, busyboxPackage] = await candidateVersions([kernelName, "busybox-static"]);
  if (!kernelPackage || !busyboxPackage) throw new Error("apt gave fewer versions than asked");

  log(
    `downloading ${kernelPackage.name} ${kernelPackage.version} and busybox-static ${busyboxPackage.version}`,
  );
  const debDir = join(workDir, "debs");
  const unpacked = join(workDir, "unpacked");
  await Promise.all([mkdir(debDir), mkdir(unpacked), mkdir(outDir)]);
  const [kernelDeb, busyboxDeb] = await downloadPackages([kernelPackage, busyboxPackage], debDir);
  if (!kernelDeb || !busyboxDeb) throw new Error("apt-get download gave fewer files than asked");

  log("unpacking the kernel and busybox");
  await extractFromDeb(kernelDeb, "./boot/vmlinuz-*", unpacked);
  await extractFromDeb(busyboxDeb, "./bin/busybox", unpacked);
  const vmlinuz = (await readdir(join(unpacked, "boot"))).find((f) => f.startsWith("vmlinuz-"));
  if (!vmlinuz) throw new Error(`${kernelPackage.name} holds no boot/vmlinuz-*`);
  await rename(join(unpacked, "boot", vmlinuz), join(outDir, KERNEL_FILE));

  log("compiling the workload (gcc -static)");
  const workload = await compileWorkload(sources.workloadC, workDir);

  log("writing the initramfs");
  const initrd = cpioNewc(
    initramfsEntries(sources.init, await readFile(join(unpacked, "bin/busybox")), workload),
  );
  await writeFile(join(outDir, INITRD_FILE), initrd);

  const manifest: GuestManifest = {
    key,
    kernel: { package: kernelPackage.name, version: kernelPackage.version, file: vmlinuz },
    busybox: { package: busyboxPackage.name, version: busyboxPackage.version },
    workload: { compiler: (await run("gcc", ["--version"])).stdout.split("\n")[0] ?? "gcc" },
    builtAt: new Date().toISOString(),
  };
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function compileWorkload(source: string, workDir: string): Promise<Buffer> {
  const sourceFile = join(workDir, "ballast-dirty.c");
  const binary = join(workDir, "ballast-dirty");
  await writeFile(sourceFile, source);
  try {
    await run("gcc", ["-static", "-O2", "-Wall", "-o", binary, sourceFile]);
  } catch (error) {
    const hint = "the guest's workload needs gcc and libc6-dev (bash scripts/ensure-qemu.sh installs them)";
    throw new Error(`${hint}: ${(error as Error).message}`);
  }
  return readFile(binary);
}

function initramfsEntries(init: Buffer, busybox: Buffer, workload: Buffer): CpioEntry[] {
  return [
    ...["bin", "dev", "proc", "sys", "tmp"].map((path): CpioEntry => ({ kind: "directory", path })),
    // The kernel opens /dev/console for /init before anything could mount devtmpfs.
    { kind: "char-device", path: "dev/console", major: 5, minor: 1 },
    { kind: "file", path: "init", data: init, mode: 0o755 },
    { kind: "file", path: "bin/busybox", data: busybox, mode: 0o755 },
    { kind: "symlink", path: "bin/sh", target: "busybox" },
    { kind: "file", path: "bin/ballast-dirty", data: workload, mode: 0o755 },
  ];
}
