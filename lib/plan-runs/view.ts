import "server-only";
import { clientFor } from "../dashboard/agents";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import type { MigrationStatus } from "../schemas/migration";
import { ACTIVE_RUN_STATES } from "./types";

/** An applied plan as the suggestions page shows it: each move with its live migration, if running. */

export interface PlanRunMoveView {
  id: string;
  domain: string;
  source: string;
  target: string;
  kind: string;
  wave: number;
  reason: string;
  predictedSeconds: number;
  predictedDowntimeMs: number;
  predictedMiB: number;
  state: string;
  error: string | null;
  migration: MigrationStatus | null;
}

export interface PlanRunView {
  id: string;
  goal: string;
  state: string;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  maintenance: string | null;
  moves: PlanRunMoveView[];
}

const LIVE_STATES = new Set(["running", "needs-attention"]);

async function liveStatus(move: { source: string; migrationId: string | null; state: string }) {
  if (!move.migrationId || !LIVE_STATES.has(move.state)) return null;
  const source = await clientFor(move.source);
  return source ? source.migration(move.migrationId).catch(() => null) : null;
}

type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

/** The newest run matching `where`, with its moves in the order they run. */
function findRun(where: Prisma.PlanRunWhereInput) {
  return db.planRun.findFirst({
    where,
    include: { moves: { orderBy: [{ wave: "asc" }, { domain: "asc" }] } },
    orderBy: { startedAt: "desc" },
  });
}

async function toView(row: RunRow): Promise<PlanRunView> {
  return {
    id: row.id,
    goal: row.goal,
    state: row.state,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    maintenance: row.maintenance,
    moves: await Promise.all(
      row.moves.map(async (move) => ({
        id: move.id,
        domain: move.domain,
        source: move.source,
        target: move.target,
        kind: move.kind,
        wave: move.wave,
        reason: move.reason,
        predictedSeconds: move.predictedSeconds,
        predictedDowntimeMs: move.predictedDowntime,
        predictedMiB: move.predictedMiB,
        state: move.state,
        error: move.error,
        migration: await liveStatus(move),
      })),
    ),
  };
}

export async function planRunView(id: string): Promise<PlanRunView | null> {
  const row = await findRun({ id });
  return row ? toView(row) : null;
}

/** How long after its end an applied plan is still shown above the suggestions. */
const SHOWN_AFTER_END_MS = 10 * 60_000;

/** The plan being applied now or, for a while after it ended, the last one applied. */
export async function currentPlanRun(now = Date.now()): Promise<PlanRunView | null> {
  const row = await findRun({
    OR: [{ state: { in: ACTIVE_RUN_STATES } }, { endedAt: { gte: new Date(now - SHOWN_AFTER_END_MS) } }],
  });
  return row ? toView(row) : null;
}
