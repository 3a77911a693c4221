import type {
  MigrationKind,
  MigrationStatus,
  NonConvergencePolicy,
  Phase,
  Prediction,
} from "../../lib/schemas/migration";

/** One migration as this agent keeps it on disk: its status plus what recovery needs. */
export interface MigrationRecord {
  id: string;
  role: "source" | "target";
  domain: string;
  targetName: string;
  source: { name: string; url: string };
  target: { name: string; url: string };
  kind: MigrationKind;
  phase: Phase;
  progress: number;
  transferredBytes: number;
  remainingBytes: number;
  totalBytes: number;
  round: number;
  dirtyRateBytesPerSec: number;
  expectedDowntimeMs: number;
  downtimeMs: number | null;
  /** The pause as the hypervisor measured it (QEMU's `downtime`); `downtimeMs` adds the hand-off. */
  hypervisorDowntimeMs?: number | null;
  bandwidthBytesPerSec: number;
  downtimeLimitMs: number;
  onNoConvergence: NonConvergencePolicy;
  prediction: Prediction | null;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  /** Source: the domain ran before the migration, so a rollback runs it again. */
  wasRunning: boolean;
  /** Target: every byte of state arrived; the copy waits for the source's word. */
  transferComplete: boolean;
  /** Source: the target's copy must still be destroyed (the target was unreachable when it failed). */
  targetCleanupPending: boolean;
  /** Source: an admin kept the domain on the target while it was down: it must still be told to run it. */
  targetFinishPending?: boolean;
}

export function toStatus(record: MigrationRecord): MigrationStatus {
  return {
    id: record.id,
    domain: record.domain,
    targetName: record.targetName,
    role: record.role,
    source: record.source.name,
    target: record.target.name,
    sourceUrl: record.source.url,
    targetUrl: record.target.url,
    kind: record.kind,
    phase: record.phase,
    progress: record.progress,
    transferredBytes: record.transferredBytes,
    remainingBytes: record.remainingBytes,
    totalBytes: record.totalBytes,
    round: record.round,
    dirtyRateBytesPerSec: record.dirtyRateBytesPerSec,
    expectedDowntimeMs: record.expectedDowntimeMs,
    downtimeMs: record.downtimeMs,
    hypervisorDowntimeMs: record.hypervisorDowntimeMs ?? null,
    bandwidthBytesPerSec: record.bandwidthBytesPerSec,
    downtimeLimitMs: record.downtimeLimitMs,
    prediction: record.prediction,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    error: record.error,
  };
}

/** The domain's name on this agent's host. */
export function localDomainName(record: MigrationRecord): string {
  return record.role === "source" ? record.domain : record.targetName;
}
