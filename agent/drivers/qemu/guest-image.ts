import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildGuestImage, INITRD_FILE, KERNEL_FILE, MANIFEST_FILE } from "./guest-image-build";

/**
 * The tiny real guest every QEMU domain boots: a kernel and an initramfs whose workload dirties memory
 * at the rate the kernel command line asks for (see guestWorkloadArgs). Built once from Debian's
 * packages and cached under a hash of what we feed the build (our init script, workload and build
 * code), so later calls only look at one file. Debian's own package versions are not part of the key:
 * an image stays the same across a kernel update (delete the cache to pick one up), which is what
 * two hosts migrating a guest between them want.
 */

export interface GuestImage {
  kernel: string;
  initrd: string;
}

export interface GuestImageOptions {
  cacheDir?: string;
  log?: (line: string) => void;
}

export const DEFAULT_GUEST_CACHE_DIR = fileURLToPath(
  new URL("../../../node_modules/.cache/ballast-guest", import.meta.url),
);

/** The build's inputs, read from beside this file; their hash names the cache entry. */
const INPUTS = {
  init: new URL("./guest/init", import.meta.url),
  workloadC: new URL("./guest/ballast-dirty.c", import.meta.url),
  recipe: [new URL("./guest-image-build.ts", import.meta.url), new URL("./cpio-newc.ts", import.meta.url)],
};

/** A build that left its temporary directory behind (a killed process) is swept after this long. */
const STALE_BUILD_MS = 60 * 60 * 1000;

const building = new Map<string, Promise<GuestImage>>();

export async function ensureGuestImage(options: GuestImageOptions = {}): Promise<GuestImage> {
  const cacheDir = resolve(options.cacheDir ?? DEFAULT_GUEST_CACHE_DIR);
  const init = await readFile(INPUTS.init);
  const workloadC = await readFile(INPUTS.workloadC, "utf8");
  const recipe = await Promise.all(INPUTS.recipe.map((file) => readFile(file)));
  const key = createHash("sha256")
    .update(init)
    .update(workloadC)
    .update(Buffer.concat(recipe))
    .digest("hex")
    .slice(0, 16);
  const dir = join(cacheDir, key);
  const image = { kernel: join(dir, KERNEL_FILE), initrd: join(dir, INITRD_FILE) };
  if (await exists(join(dir, MANIFEST_FILE))) return image;

  // One build per entry in this process; other processes may build the same entry at the same time,
  // and the first rename wins (see buildOnce).
  let pending = building.get(dir);
  if (!pending) {
    const log = options.log ?? (() => {});
    pending = buildOnce(cacheDir, key, { init, workloadC }, log).then(() => image);
    building.set(dir, pending);
    pending.finally(() => building.delete(dir)).catch(() => {});
  }
  return pending;
}

/** Kernel command-line arguments that set the guest's workload (read by guest/ballast-dirty.c). */
export function guestWorkloadArgs(workload: {
  dirtyMiBps: number;
  wssMiB: number;
  heartbeatSeconds?: number;
}): string {
  const args = [
    `ballast.dirty_mibps=${Math.round(workload.dirtyMiBps)}`,
    `ballast.wss_mib=${Math.round(workload.wssMiB)}`,
  ];
  if (workload.heartbeatSeconds !== undefined)
    args.push(`ballast.heartbeat_s=${Math.round(workload.heartbeatSeconds)}`);
  return args.join(" ");
}

/** The line the guest prints on its serial console once its workload runs. */
export const GUEST_READY_LINE = "ballast-guest: ready";

async function buildOnce(
  cacheDir: string,
  key: string,
  sources: { init: Buffer; workloadC: string },
  log: (line: string) => void,
): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await sweepStaleBuilds(cacheDir);
  // Built beside its final place (same file system), then renamed: nobody sees half an image.
  const workDir = join(cacheDir, `.build-${key}-${process.pid}-${randomBytes(4).toString("hex")}`);
  const outDir = join(workDir, "image");
  await mkdir(workDir);
  try {
    const started = Date.now();
    log(`building the guest image ${key} in ${cacheDir}`);
    await buildGuestImage(key, sources, workDir, outDir, log);
    try {
      await rename(outDir, join(cacheDir, key));
    } catch (error) {
      // Another process finished the same build first: its image is as good as ours.
      if (!(await exists(join(cacheDir, key, MANIFEST_FILE)))) throw error;
    }
    log(`guest image ${key} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function sweepStaleBuilds(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith(".build-")) continue;
    const path = join(cacheDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_BUILD_MS) await rm(path, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
