import "server-only";
import { agentFailure } from "../actions/result";
import { ACTION_TIMEOUT_MS, clientFor } from "../dashboard/agents";
import { recordStart } from "../dashboard/history";
import type { MigrationStatus } from "../schemas/migration";
import { type RunIO, stepRun } from "./step";
import { activeRuns, claimMove, finishRun, updateMove } from "./store";
import type { RunMove } from "./types";

/**
 * Drives the applied plans in this dashboard process: a step of every active run each second
 * while there is one. It is started when a plan is applied and when the server starts
 * (instrumentation.ts), so a restarted dashboard carries on with the runs it finds in the database.
 * Two dashboard processes on one database may both step a run: claims are atomic, so each move
 * still starts once.
 */

const STEP_MS = 1000;

interface RunnerState {
  timer: ReturnType<typeof setInterval> | null;
  stepping: boolean;
}

const globalForRunner = globalThis as unknown as { ballastPlanRunner?: RunnerState };
globalForRunner.ballastPlanRunner ??= { timer: null, stepping: false };
const runner: RunnerState = globalForRunner.ballastPlanRunner;

function planIO(startedBy: string): RunIO {
  return {
    claim: (move) => claimMove(move.id),
    start: async (move) => {
      const [source, target] = await Promise.all([
        clientFor(move.source, ACTION_TIMEOUT_MS),
        clientFor(move.target, ACTION_TIMEOUT_MS),
      ]);
      if (!source || !target)
        return { ok: false, error: `host ${source ? move.target : move.source} is no longer registered` };
      try {
        const status = await source.startMigration({
          domain: move.domain,
          target: target.url,
          kind: move.kind,
        });
        await recordStart(status, startedBy);
        return { ok: true, status };
      } catch (error) {
        return { ok: false, error: startFailure(error, move) };
      }
    },
    status: async (move) => {
      const source = await clientFor(move.source);
      if (!source || !move.migrationId) return null;
      return source.migration(move.migrationId).catch(() => null);
    },
    findStarted: async (move) => {
      const source = await clientFor(move.source);
      if (!source) return null;
      const since = (move.startedAt?.getTime() ?? 0) - 5000;
      const found = (await source.migrations()).filter(
        (status: MigrationStatus) => status.domain === move.domain && Date.parse(status.startedAt) >= since,
      );
      return found.at(-1) ?? null;
    },
    cancel: async (move) => {
      const source = await clientFor(move.source);
      if (source && move.migrationId) await source.cancel(move.migrationId).catch(() => undefined);
    },
    updateMove: (move, patch) => updateMove(move.id, patch),
    finishRun: (run, state) => finishRun(run.id, state),
  };
}

/** The agent's refusal in words, with the failed pre-checks spelled out. */
function startFailure(error: unknown, move: RunMove): string {
  const result = agentFailure(error, move.source);
  if (result.ok) return "";
  const failed = (result.checks ?? []).filter((check) => !check.ok);
  return failed.length === 0
    ? result.error
    : `${result.error}: ${failed.map((check) => `${check.code}: ${check.message}`).join("; ")}`;
}

async function stepAll(): Promise<void> {
  if (runner.stepping) return;
  runner.stepping = true;
  try {
    const runs = await activeRuns();
    for (const run of runs) await stepRun(run, planIO(`${run.startedBy} · plan`));
    if (runs.length === 0 && runner.timer) {
      clearInterval(runner.timer);
      runner.timer = null;
    }
  } catch (error) {
    console.error("plan runner:", error instanceof Error ? error.message : error);
  } finally {
    runner.stepping = false;
  }
}

/** Starts stepping (if not already) and takes a step now. */
export function ensurePlanRunner(): Promise<void> {
  runner.timer ??= setInterval(() => void stepAll(), STEP_MS);
  return stepAll();
}
