import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readJsonFolder, removeFile, writeJsonAtomic } from "./atomic-file";
import { SerialQueue } from "./serial-queue";

/**
 * A hypervisor driver's disk: one JSON file per named object (a domain), written atomically and in
 * order, plus a marker saying the objects of the config file were created once. It outlives the agent
 * process, as a real hypervisor outlives its management agent.
 */
export class NamedJsonStore<T extends { name: string }> {
  private readonly queue = new SerialQueue();
  private readonly folder: string;
  private readonly seededMarker: string;

  /** `root` holds a `domains` folder and the `seeded` marker. */
  constructor(root: string) {
    this.folder = join(root, "domains");
    this.seededMarker = join(root, "seeded");
  }

  get seeded(): boolean {
    return existsSync(this.seededMarker);
  }

  async markSeeded(): Promise<void> {
    await mkdir(dirname(this.seededMarker), { recursive: true });
    await writeFile(this.seededMarker, `${new Date().toISOString()}\n`);
  }

  async load(): Promise<T[]> {
    const files = await readJsonFolder(this.folder);
    return files.map(({ value }) => value as T);
  }

  save(value: T): Promise<void> {
    const snapshot = structuredClone(value);
    return this.queue.run(value.name, () => writeJsonAtomic(this.path(value.name), snapshot));
  }

  remove(name: string): Promise<void> {
    return this.queue.run(name, () => removeFile(this.path(name)));
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private path(name: string): string {
    return join(this.folder, `${name}.json`);
  }
}
