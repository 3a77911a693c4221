import type { z } from "zod";
import type { WorkloadModel } from "../../lib/prediction/precopy-model";
import type { Domain } from "../../lib/schemas/domain";
import type { Host } from "../../lib/schemas/host";
import type { MigrationKind } from "../../lib/schemas/migration";
import type { DomainSpec, TransferEndpoint, TransferParams } from "../../lib/schemas/peer";

/**
 * What the agent needs of a hypervisor. The coordinator holds the migration safety rules; a driver
 * holds the mechanics (reserving resources, moving state, pausing and resuming guests). A new
 * hypervisor is a new implementation of this interface and nothing else.
 */

/** A domain as the hypervisor knows it; the agent adds the migration flags. */
export type DriverDomain = Omit<Domain, "flags" | "migration">;

/**
 * What a hypervisor's migrations cost beyond the pre-copy model's plain transfer (every page at
 * the bandwidth limit, nothing else), for the predictions.
 */
export interface MigrationCosts {
  /** The stop-and-copy goes at the link's full speed (QEMU lifts its limit once the guest is paused). */
  unthrottledStopAndCopy: boolean;
  /** The guest's pause beyond sending memory: stopping its vCPUs, its device state. */
  switchoverMs: number;
  /** Before and after the transfer: the pre-check, starting the target, the hand-over. */
  setupMs: number;
}

export interface TransferProgress {
  round: number;
  transferredBytes: number;
  remainingBytes: number;
  totalBytes: number;
  dirtyRateBytesPerSec: number;
  expectedDowntimeMs: number;
}

export interface TransferResult {
  rounds: number;
  transferredBytes: number;
  /** Time the guest was paused before the target held all of its state, in ms. */
  stopAndCopyMs: number;
  converged: boolean;
  stopReason: string;
  /** The pause as the hypervisor itself measured it (QEMU's `downtime`), where it measures one. */
  hypervisorDowntimeMs?: number | null;
}

export interface OutgoingHooks {
  signal: AbortSignal;
  onProgress(progress: TransferProgress): void;
  /** The source guest is paused: the stop-and-copy (or a warm migration's whole transfer) begins. */
  onSuspended(): void;
}

export interface IncomingHooks {
  onProgress(progress: TransferProgress): void;
  onSuspended(): void;
  /**
   * Every byte of state arrived and was verified; the copy may be resumed when the source says so.
   * The source is told only once this resolves, so the agent can record it durably first.
   */
  onComplete(): Promise<void>;
  /** The transfer broke off; the copy is useless. `cancelled` when the source said it cancels. */
  onFailed(reason: string, cancelled: boolean): void;
}

export interface OutgoingMigration {
  migrationId: string;
  name: string;
  kind: MigrationKind;
  endpoint: TransferEndpoint;
  params: TransferParams;
}

export interface IncomingMigration {
  migrationId: string;
  /** The domain's name on this host (after a rename). */
  name: string;
  kind: MigrationKind;
  spec: DomainSpec;
  params: TransferParams;
}

export class ResourceError extends Error {
  override name = "ResourceError";
}

/** The domain is not in a state that allows the operation (starting one that runs, say). */
export class DomainStateError extends Error {
  override name = "DomainStateError";
}

/**
 * Defining, starting and stopping domains, for hypervisors whose domains an admin manages through
 * the agent (the simulated one takes its domains from its config file only).
 */
export interface DomainLifecycle {
  /** What a definition request's body must look like; `define` gets what it parsed to. */
  readonly definitionSchema: z.ZodType;
  define(definition: unknown): Promise<void>;
  start(name: string): Promise<void>;
  /** Ends the guest (as `virsh destroy` does: no shutdown inside the guest). */
  stop(name: string): Promise<void>;
  /** Removes an inactive domain's definition. */
  undefine(name: string): Promise<void>;
}

export interface HypervisorDriver {
  readonly kind: string;
  /** Present where domains can be defined, started and stopped through the API. */
  readonly lifecycle?: DomainLifecycle;
  /** Where its migrations cost more (or less) than the model's plain transfer. */
  readonly migrationCosts?: MigrationCosts;
  /** Loads the hypervisor's state (or re-attaches to it after an agent restart). */
  start(): Promise<void>;
  stop(): Promise<void>;

  host(): Host;
  /** Fresh objects on every call: the caller may extend them. */
  domains(): DriverDomain[];
  domain(name: string): DriverDomain | undefined;
  /** The definition a target needs to recreate the domain. */
  spec(name: string): DomainSpec;
  /** The guest's memory-writing behaviour, for predictions (measured where the hypervisor can). */
  workload(name: string): Promise<WorkloadModel>;

  /** Target: reserve resources and create the domain `bound`; returns where to send the state. */
  prepareIncoming(migration: IncomingMigration, hooks: IncomingHooks): Promise<TransferEndpoint>;
  /** Target: the transfer completed and the source confirms: run the domain (cold: keep its state). */
  finishIncoming(name: string, kind: MigrationKind): Promise<void>;
  /** Target: remove the half-built copy and free what it held. Idempotent. */
  destroyIncoming(name: string): Promise<void>;

  /** Source: send the domain's state; resolves with the guest paused and the target holding everything. */
  migrateOut(migration: OutgoingMigration, hooks: OutgoingHooks): Promise<TransferResult>;
  /** Source: the migration failed or was cancelled: run the guest again if it was paused. Idempotent. */
  resumeSource(name: string, wasRunning: boolean): Promise<void>;
  /** Source: the target confirmed it runs the domain: destroy this copy and free its resources. Idempotent. */
  removeSource(name: string): Promise<void>;
}
