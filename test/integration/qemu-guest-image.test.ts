import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureGuestImage, type GuestImage } from "../../agent/drivers/qemu/guest-image";
import { IMAGE_TIMEOUT_MS, qemuAndGuest } from "./qemu-harness";

const run = promisify(execFile);

/** Builds the guest image into `cacheDir` in a process of its own, as a second agent would. */
async function buildInAnotherProcess(cacheDir: string): Promise<GuestImage> {
  const module = new URL("../../agent/drivers/qemu/guest-image.ts", import.meta.url).pathname;
  const script = `import { ensureGuestImage } from ${JSON.stringify(module)};
    console.log(JSON.stringify(await ensureGuestImage({ cacheDir: process.argv[1] })));`;
  const { stdout } = await run(process.execPath, [
    "--import",
    "tsx",
    "--input-type=module",
    "-e",
    script,
    cacheDir,
  ]);
  return JSON.parse(stdout) as GuestImage;
}

// The tiny guest's image: built from Debian's packages once, whoever asks first, and then only looked up.
describe("the guest image cache", () => {
  beforeAll(() => qemuAndGuest(), IMAGE_TIMEOUT_MS);

  it(
    "builds once for two processes building at the same time, then costs nothing",
    async () => {
      const cacheDir = await mkdtemp(join(tmpdir(), "ballast-guest-cache-"));
      try {
        const [first, second] = await Promise.all([
          buildInAnotherProcess(cacheDir),
          buildInAnotherProcess(cacheDir),
        ]);
        expect(second).toEqual(first);
        expect((await stat(first.kernel)).size).toBeGreaterThan(1_000_000);
        expect((await stat(first.initrd)).size).toBeGreaterThan(1_000_000);
        // One finished entry; the loser's temporary build is gone.
        expect(await readdir(cacheDir)).toEqual([dirname(first.kernel).split("/").at(-1)]);
        const manifest = JSON.parse(await readFile(join(dirname(first.kernel), "manifest.json"), "utf8"));
        expect(manifest.kernel.package).toMatch(/^linux-image-6\.1\.0-\d+-amd64$/);

        const started = performance.now();
        expect(await ensureGuestImage({ cacheDir })).toEqual(first);
        expect(performance.now() - started).toBeLessThan(250);
      } finally {
        await rm(cacheDir, { recursive: true, force: true });
      }
    },
    IMAGE_TIMEOUT_MS,
  );
});
