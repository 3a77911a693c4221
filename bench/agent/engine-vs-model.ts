import { predictMigration, STOP_RULES } from "../../lib/prediction/precopy-model";
import { GiB, MiB } from "../../lib/units";
import { relativeError } from "../stats";
import { closedForm, withinStopRules } from "./closed-form";
import { type EngineRun, runEngine } from "./engine-run";
import { type Cell, fixed, heading, pct, printTable } from "./table";

/**
 * Section 3: the simulated pre-copy engine against the analytical model of DOMAIN.md, on the
 * model's own assumptions (a sweep over the whole memory: every write dirties a new page until all
 * are dirty, so a round dirties exactly D*t). Where they agree, the engine's rounds are what the
 * formula says; where they do not, the table shows by how much. The library's predictor is printed
 * alongside for information, and one group with a random writer shows what the formula misses.
 */

export interface EngineVsModelOptions {
  memoryGiB: number[];
  dirtyMiBps: number[];
  bandwidthMiBps: number[];
  downtimeLimitMs: number;
  /** Simulated seconds per engine chunk: the agent's 20 ms at time scale 1. */
  chunkSeconds: number;
  /** The random-writer group: one memory size and bandwidth, these dirty rates. */
  random: { memoryGiB: number; bandwidthMiBps: number; dirtyMiBps: number[] };
  /** Cells not started by then are skipped (and said so). */
  maxSeconds: number;
  /** The agreement the summary line checks against. */
  targetError: number;
}

export const ENGINE_VS_MODEL_DEFAULTS: EngineVsModelOptions = {
  memoryGiB: [1, 4, 16],
  dirtyMiBps: [0, 10, 50, 100, 200],
  // 1 GbE and 10 GbE of payload.
  bandwidthMiBps: [119, 1192],
  downtimeLimitMs: 300,
  chunkSeconds: 0.02,
  random: { memoryGiB: 4, bandwidthMiBps: 119, dirtyMiBps: [10, 50, 100, 200] },
  maxSeconds: 90,
  targetError: 0.1,
};

interface Cell3 {
  memoryGiB: number;
  dirtyMiBps: number;
  bandwidthMiBps: number;
  pattern: "sweep" | "random";
}

type Convergence = "yes" | "no" | "rules";

interface Compared {
  convergence: Convergence;
  timeError: number;
  bytesError: number;
  downtimeError: number;
  row: Cell[];
}

const HEADER = [
  "M GiB",
  "D MiB/s",
  "R MiB/s",
  "l",
  "eng s",
  "eng MiB",
  "eng down ms",
  "eng rnds",
  "eng stop",
  "model s",
  "model MiB",
  "model down ms",
  "model rnds",
  "converges",
  "err s",
  "err bytes",
  "err down",
  "lib s",
  "lib MiB",
  "lib down ms",
];

export async function engineVsModel(options: EngineVsModelOptions = ENGINE_VS_MODEL_DEFAULTS): Promise<void> {
  heading("3. Pre-copy engine (virtual clock, no-op sink) vs the analytical model of DOMAIN.md");
  console.log(
    `  sweep over the whole memory (wwsBytes = M), downtime limit ${options.downtimeLimitMs} ms, engine chunk ${options.chunkSeconds} s; err = (engine - model) / model`,
  );
  console.log(
    "  converges: yes = l < 1 and within the stop rules; rules = l < 1 but needs more than 30 rounds or 3x M, so the engine's stop rules cut it; no = l >= 1",
  );
  const deadline = performance.now() + options.maxSeconds * 1000;
  let engineMs = 0;
  let skipped = 0;

  const sweep: Cell3[] = [];
  for (const memoryGiB of options.memoryGiB)
    for (const bandwidthMiBps of options.bandwidthMiBps)
      for (const dirtyMiBps of options.dirtyMiBps)
        sweep.push({ memoryGiB, dirtyMiBps, bandwidthMiBps, pattern: "sweep" });
  const random: Cell3[] = options.random.dirtyMiBps.map((dirtyMiBps) => ({
    memoryGiB: options.random.memoryGiB,
    dirtyMiBps,
    bandwidthMiBps: options.random.bandwidthMiBps,
    pattern: "random",
  }));

  const runGroup = async (cells: Cell3[]): Promise<Compared[]> => {
    const compared: Compared[] = [];
    for (const cell of cells) {
      if (performance.now() > deadline) {
        skipped++;
        continue;
      }
      const run = await runEngine(engineOptions(cell, options));
      engineMs += run.cpuMs;
      compared.push(compare(cell, run, options));
    }
    return compared;
  };

  const sweepResults = await runGroup(sweep);
  console.log("\n  pattern sweep (the model's assumptions):");
  printTable(
    HEADER,
    sweepResults.map((result) => result.row),
  );
  summary(sweepResults, options.targetError);

  const randomResults = await runGroup(random);
  console.log(
    "\n  pattern random, for information (not in the summary): distinct dirty pages grow slower than D*t",
  );
  printTable(
    HEADER,
    randomResults.map((result) => result.row),
  );

  console.log(
    `\n  engine simulation took ${fixed(engineMs / 1000, 1)} s of real time for ${sweepResults.length + randomResults.length} cells${skipped > 0 ? `; ${skipped} cells SKIPPED (time bound ${options.maxSeconds} s)` : ""}`,
  );
}

function engineOptions(cell: Cell3, options: EngineVsModelOptions) {
  const memoryBytes = cell.memoryGiB * GiB;
  return {
    mode: "live" as const,
    memoryBytes,
    bandwidthBytesPerSec: cell.bandwidthMiBps * MiB,
    downtimeLimitMs: options.downtimeLimitMs,
    // Non-converging cells still finish (stop-and-copy after the stop rules), so they can be shown.
    onNoConvergence: "stop-and-copy" as const,
    workload: { dirtyRateBytesPerSec: cell.dirtyMiBps * MiB, wwsBytes: memoryBytes, pattern: cell.pattern },
    chunkSeconds: options.chunkSeconds,
    seed: 1,
  };
}

function compare(cell: Cell3, run: EngineRun, options: EngineVsModelOptions): Compared {
  const memoryBytes = cell.memoryGiB * GiB;
  const bandwidth = cell.bandwidthMiBps * MiB;
  const model = closedForm({
    memoryBytes,
    dirtyBytesPerSec: cell.dirtyMiBps * MiB,
    bandwidthBytesPerSec: bandwidth,
    downtimeLimitMs: options.downtimeLimitMs,
  });
  const lib = predictMigration({
    kind: "live",
    memoryBytes,
    bandwidthBytesPerSec: bandwidth,
    downtimeLimitMs: options.downtimeLimitMs,
    workload: engineOptions(cell, options).workload,
    onNoConvergence: "stop-and-copy",
  });
  const convergence: Convergence = !model.converges
    ? "no"
    : withinStopRules(model, memoryBytes, STOP_RULES.maxRounds, STOP_RULES.maxTransferFactor)
      ? "yes"
      : "rules";
  const engine = run.result;
  const timeError = relativeError(run.seconds, model.seconds);
  const bytesError = relativeError(engine.transferredBytes, model.totalBytes);
  const downtimeError = relativeError(engine.stopAndCopyMs, model.downtimeMs);
  const mib = (bytes: number) => fixed(bytes / MiB, 0);
  return {
    convergence,
    timeError,
    bytesError,
    downtimeError,
    row: [
      cell.memoryGiB,
      cell.dirtyMiBps,
      cell.bandwidthMiBps,
      fixed(model.ratio, 3),
      fixed(run.seconds, 2),
      mib(engine.transferredBytes),
      fixed(engine.stopAndCopyMs, 1),
      engine.rounds,
      engine.stopReason,
      fixed(model.seconds, 2),
      mib(model.totalBytes),
      fixed(model.downtimeMs, 1),
      model.converges ? model.n + 1 : "-",
      convergence,
      pct(timeError),
      pct(bytesError),
      pct(downtimeError),
      fixed(lib.seconds, 2),
      mib(lib.transferBytes),
      fixed(lib.downtimeMs, 1),
    ],
  };
}

/** Max relative errors over the cells where the closed form applies; on time and bytes only. */
function summary(results: Compared[], target: number): void {
  const applicable = results.filter((result) => result.convergence === "yes");
  const maxAbs = (values: number[]) => Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  const time = maxAbs(applicable.map((result) => result.timeError));
  const bytes = maxAbs(applicable.map((result) => result.bytesError));
  const downtime = maxAbs(applicable.map((result) => result.downtimeError));
  const verdict = Math.max(time, bytes) <= target ? "within" : "OUTSIDE";
  console.log(
    `\n  SUMMARY over ${applicable.length} converging cells: max |error| time ${pct(time, 3)} (${time.toExponential(1)}), bytes ${pct(bytes, 3)} (${bytes.toExponential(1)}) -> ${verdict} the ${pct(target, 0)} target`,
  );
  console.log(
    `  (downtime max |error| ${pct(downtime)}, reported only: downtimes of a few ms make relative errors large, so the summary uses time and bytes)`,
  );
}
