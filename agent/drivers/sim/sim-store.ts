import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readJsonFolder, removeFile, writeJsonAtomic } from "../../storage/atomic-file";
import { SerialQueue } from "../../storage/serial-queue";
import type { SimDomain } from "./sim-domain";

/**
 * The simulated hypervisor's disk: one file per domain. It outlives the agent process, as a real
 * hypervisor outlives its management agent: a killed and restarted agent finds its guests as they were.
 */
export class SimStore {
  private readonly queue = new SerialQueue();
  private readonly folder: string;
  private readonly seededMarker: string;

  constructor(stateDir: string) {
    this.folder = join(stateDir, "sim", "domains");
    this.seededMarker = join(stateDir, "sim", "seeded");
  }

  get seeded(): boolean {
    return existsSync(this.seededMarker);
  }

  async markSeeded(): Promise<void> {
    await mkdir(dirname(this.seededMarker), { recursive: true });
    await writeFile(this.seededMarker, `${new Date().toISOString()}\n`);
  }

  async load(): Promise<SimDomain[]> {
    const files = await readJsonFolder(this.folder);
    return files.map(({ value }) => value as SimDomain);
  }

  save(domain: SimDomain): Promise<void> {
    const snapshot = structuredClone(domain);
    return this.queue.run(domain.name, () => writeJsonAtomic(this.path(domain.name), snapshot));
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
