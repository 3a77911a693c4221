import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Durable JSON files: written to a temporary name, flushed to disk, then renamed over the old one,
 * so a process killed at any instant leaves either the old or the new content, never a torn file.
 */

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 1)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

export async function readJsonFile(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, "utf8"));
}

/** Every `*.json` file of a folder, parsed; leftover temporary files of a killed writer are removed. */
export async function readJsonFolder(folder: string): Promise<{ file: string; value: unknown }[]> {
  await mkdir(folder, { recursive: true });
  const entries = await readdir(folder);
  const results: { file: string; value: unknown }[] = [];
  for (const entry of entries) {
    const path = join(folder, entry);
    if (entry.endsWith(".tmp")) await rm(path, { force: true });
    else if (entry.endsWith(".json")) results.push({ file: path, value: await readJsonFile(path) });
  }
  return results;
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
