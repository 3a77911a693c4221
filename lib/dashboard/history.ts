import "server-only";
import { db } from "../db/client";
import type { MigrationStatus } from "../schemas/migration";
import { isFinalPhase } from "../schemas/migration";

/**
 * The migration history in the database, written from what the agents report: a row when a
 * migration starts, brought up to date whenever a snapshot shows it changed, so a dashboard
 * restarted mid-migration records the outcome all the same.
 */

function columns(status: MigrationStatus) {
  const ended = status.endedAt ? new Date(status.endedAt) : null;
  return {
    domain: status.domain,
    targetName: status.targetName,
    source: status.source,
    target: status.target,
    kind: status.kind,
    phase: status.phase,
    startedAt: new Date(status.startedAt),
    endedAt: ended,
    durationMs: ended ? ended.getTime() - new Date(status.startedAt).getTime() : null,
    downtimeMs: status.downtimeMs === null ? null : Math.round(status.downtimeMs),
    hypervisorDowntimeMs:
      status.hypervisorDowntimeMs == null ? null : Math.round(status.hypervisorDowntimeMs),
    transferredBytes: status.transferredBytes,
    totalBytes: status.totalBytes,
    predictedSeconds: status.prediction?.seconds ?? null,
    predictedDowntime: status.prediction?.downtimeMs ?? null,
    error: status.error,
  };
}

/**
 * The row of a migration this dashboard started. A live view may have recorded it a moment earlier
 * (as started outside the dashboard): then this names who started it. Two writers racing on the
 * first insert is retried once, as an update.
 */
export async function recordStart(status: MigrationStatus, startedBy: string): Promise<void> {
  const write = () =>
    db.migration.upsert({
      where: { id: status.id },
      create: { id: status.id, startedBy, ...columns(status) },
      update: { startedBy },
    });
  await write().catch(write);
}

/** How long after its end an agent's migration is still compared with its row. */
const RECENT_MS = 10 * 60_000;

/** Brings the rows of recent migrations up to date; only rows whose phase changed are written. */
export async function reconcile(all: MigrationStatus[], now = Date.now()): Promise<void> {
  const statuses = all.filter(
    (s) => !isFinalPhase(s.phase) || now - Date.parse(s.endedAt ?? s.startedAt) < RECENT_MS,
  );
  if (statuses.length === 0) return;
  const known = new Map(
    (
      await db.migration.findMany({
        where: { id: { in: statuses.map((s) => s.id) } },
        select: { id: true, phase: true },
      })
    ).map((row) => [row.id, row.phase]),
  );
  for (const status of statuses) {
    if (known.get(status.id) === status.phase) continue;
    await db.migration.upsert({
      where: { id: status.id },
      // Started elsewhere (the command-line client, another dashboard): recorded as such.
      create: { id: status.id, startedBy: "outside the dashboard", ...columns(status) },
      update: columns(status),
    });
  }
}

export interface HistoryFilter {
  domain?: string;
  host?: string;
  outcome?: string;
  kind?: string;
}

/** The newest migrations first, filtered as the history page asks. */
export async function listHistory(filter: HistoryFilter, take = 200) {
  return db.migration.findMany({
    where: {
      ...(filter.domain
        ? { OR: [{ domain: { contains: filter.domain } }, { targetName: { contains: filter.domain } }] }
        : {}),
      ...(filter.host ? { AND: [{ OR: [{ source: filter.host }, { target: filter.host }] }] } : {}),
      ...(filter.outcome ? { phase: filter.outcome } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    orderBy: { startedAt: "desc" },
    take,
  });
}
