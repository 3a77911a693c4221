import type { Logger } from "pino";
import type { PeerClient } from "../../lib/agent-client/peer-client";
import type { MigrationMark } from "../../lib/flags";
import { ProgressTracker } from "../../lib/progress";
import { isFinalPhase, type Phase } from "../../lib/schemas/migration";
import type { PeerLookup } from "../auth/peer-clients";
import type { AgentConfig } from "../config";
import type { HypervisorDriver, TransferProgress } from "../drivers/driver";
import type { AgentMetrics } from "../metrics";
import { localDomainName, type MigrationRecord } from "./migration-record";
import type { MigrationStore } from "./migration-store";

/**
 * What the source and target sides of a migration share: the records and their persistence, which
 * domains are busy, progress that only moves forward, and the one place a migration ends.
 */

export interface RunningMigration {
  record: MigrationRecord;
  controller: AbortController;
  tracker: ProgressTracker;
  settled: Promise<void>;
}

export class MigrationContext {
  readonly running = new Map<string, RunningMigration>();
  /** Local domain name -> the migration holding it. */
  private readonly busy = new Map<string, string>();
  /** Local domain name -> its latest migration, for the flags column. */
  private readonly latest = new Map<string, MigrationRecord>();

  constructor(
    readonly config: AgentConfig,
    readonly driver: HypervisorDriver,
    readonly store: MigrationStore,
    readonly metrics: AgentMetrics,
    readonly log: Logger,
    private readonly peers: PeerLookup,
  ) {}

  /** A client for a peer agent, from the config's `peers` as they are now; undefined when not one. */
  peer(url: string): PeerClient | undefined {
    return this.peers(url);
  }

  busyReason(localName: string): string | null {
    const id = this.busy.get(localName);
    if (id === undefined) return null;
    const record = this.store.get(id);
    return `migration ${id} (${record?.role ?? "?"}, phase ${record?.phase ?? "?"})`;
  }

  /** Adopts a record: indexes it, holds its domain while it is not over. */
  track(record: MigrationRecord): void {
    const name = localDomainName(record);
    const previous = this.latest.get(name);
    if (!previous || previous.startedAt <= record.startedAt) this.latest.set(name, record);
    if (!isFinalPhase(record.phase)) this.busy.set(name, record.id);
  }

  mark(localName: string): { mark: MigrationMark; migration: MigrationRecord | null } {
    const record = this.latest.get(localName);
    if (!record) return { mark: null, migration: null };
    if (!isFinalPhase(record.phase)) return { mark: record.role === "source" ? "s" : "t", migration: record };
    return { mark: record.phase === "failed" ? "e" : null, migration: null };
  }

  newTracker(record: MigrationRecord): ProgressTracker {
    return new ProgressTracker(record.progress);
  }

  /** Moves to a phase and waits until that is on disk (write-ahead: the step comes after). */
  async enter(record: MigrationRecord, phase: Phase, tracker?: ProgressTracker): Promise<void> {
    record.phase = phase;
    if (tracker)
      record.progress = tracker.update({ ...record, expectedTotalBytes: record.prediction?.transferBytes });
    this.log.info(
      { migration: record.id, role: record.role, domain: record.domain, phase },
      `migration ${phase}`,
    );
    await this.store.save(record);
  }

  progress(record: MigrationRecord, tracker: ProgressTracker, progress: TransferProgress): void {
    Object.assign(record, progress);
    if (record.phase === "prepare") record.phase = "transfer";
    record.progress = tracker.update({ ...record, expectedTotalBytes: record.prediction?.transferBytes });
  }

  /** The one way a migration ends: final phase, end time, domain released, metrics, log. */
  async end(
    record: MigrationRecord,
    phase: "completed" | "failed" | "cancelled",
    error: string | null = null,
  ): Promise<void> {
    record.phase = phase;
    record.error = error;
    record.endedAt = new Date().toISOString();
    if (phase === "completed") {
      record.progress = 100;
      record.remainingBytes = 0;
    }
    await this.store.save(record);
    this.busy.delete(localDomainName(record));
    this.running.delete(record.id);
    this.metrics.ended(record);
    this.log.info(
      { migration: record.id, role: record.role, domain: record.domain, phase, error },
      `migration ${phase}`,
    );
  }
}
