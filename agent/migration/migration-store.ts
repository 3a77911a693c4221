import { join } from "node:path";
import { isFinalPhase } from "../../lib/schemas/migration";
import { readJsonFolder, removeFile, writeJsonAtomic } from "../storage/atomic-file";
import { SerialQueue } from "../storage/serial-queue";
import type { MigrationRecord } from "./migration-record";

/**
 * Every migration this agent takes part in, one file each, written before the step it records is
 * taken (write-ahead), so a restarted agent knows what it was doing. Old finished ones are pruned.
 */
export class MigrationStore {
  private readonly folder: string;
  private readonly queue = new SerialQueue();
  private readonly records = new Map<string, MigrationRecord>();

  constructor(
    stateDir: string,
    private readonly historyLimit: number,
  ) {
    this.folder = join(stateDir, "migrations");
  }

  async load(): Promise<MigrationRecord[]> {
    for (const { value } of await readJsonFolder(this.folder)) {
      const record = value as MigrationRecord;
      this.records.set(record.id, record);
    }
    return this.all();
  }

  get(id: string): MigrationRecord | undefined {
    return this.records.get(id);
  }

  /** Newest first. */
  all(): MigrationRecord[] {
    return [...this.records.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Persists the record as it is now; resolves when it is on disk. */
  save(record: MigrationRecord): Promise<void> {
    this.records.set(record.id, record);
    const snapshot = structuredClone(record);
    const done = this.queue.run(record.id, () => writeJsonAtomic(this.path(record.id), snapshot));
    if (isFinalPhase(record.phase)) void done.then(() => this.prune());
    return done;
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async prune(): Promise<void> {
    const finished = this.all().filter(
      (record) => isFinalPhase(record.phase) && !record.targetCleanupPending,
    );
    for (const record of finished.slice(this.historyLimit)) {
      this.records.delete(record.id);
      await this.queue.run(record.id, () => removeFile(this.path(record.id)));
    }
  }

  private path(id: string): string {
    return join(this.folder, `${id}.json`);
  }
}
