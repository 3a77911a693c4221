import type { Prediction } from "../../lib/schemas/migration";
import { type Cell, fixed, pct, printTable } from "../agent/table";
import { relativeError, summarize } from "../stats";
import { type CaseResult, type Path, type RunResult, STEP_NAMES } from "./run-result";

/**
 * The benchmark's tables. Every figure is the median over a case's repeats with its range in
 * brackets: on a shared 2-core machine one slow run says little, the spread says how much to trust
 * the median. Ratios and differences are taken per pair (an agents' run and the direct run right
 * after it), so a slow minute of the machine weighs on both sides of a pair alike.
 */

const MiB = 1024 * 1024;

/** "4.21 (3.90-4.60)": median and range; the median alone for one value, "-" for none. */
export function spread(values: (number | null)[], digits = 0, format = fixed): string {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (known.length === 0) return "-";
  const s = summarize(known);
  if (known.length === 1) return format(s.p50, digits);
  return `${format(s.p50, digits)} (${format(s.min, digits)}..${format(s.max, digits)})`;
}

function completed(result: CaseResult, path: Path): RunResult[] {
  return result.runs.filter((run) => run.path === path && run.error === null);
}

/** Consecutive agents-then-direct runs that both completed. */
function pairs(result: CaseResult): [RunResult, RunResult][] {
  const found: [RunResult, RunResult][] = [];
  for (let i = 0; i + 1 < result.runs.length; i++) {
    const [a, b] = [result.runs[i], result.runs[i + 1]];
    if (a?.path === "agents" && b?.path === "direct" && a.error === null && b.error === null)
      found.push([a, b]);
  }
  return found;
}

export function printMigrations(results: CaseResult[]): void {
  const rows: Cell[][] = [];
  for (const result of results) {
    for (const path of ["agents", "direct"] as const) {
      const runs = completed(result, path);
      const failed = result.runs.filter((run) => run.path === path && run.error !== null).length;
      rows.push([
        result.benchCase.label,
        path,
        failed > 0 ? `${runs.length} (+${failed} failed)` : runs.length,
        spread(
          runs.map((run) => run.totalMs / 1000),
          2,
        ),
        spread(
          runs.map((run) => (run.qemuTotalMs === null ? null : run.qemuTotalMs / 1000)),
          2,
        ),
        spread(runs.map((run) => run.rounds)),
        spread(runs.map((run) => run.qemuDowntimeMs)),
        spread(runs.map((run) => run.pauseMs)),
        spread(runs.map((run) => run.reportedDowntimeMs)),
        spread(runs.map((run) => run.sentBytes / MiB)),
      ]);
    }
  }
  printTable(
    [
      "case",
      "path",
      "n",
      "total s",
      "QEMU s",
      "rounds",
      "QEMU downtime ms",
      "guest pause ms",
      "agents' downtime ms",
      "MiB sent",
    ],
    rows,
  );
}

export function printOverhead(results: CaseResult[]): void {
  const rows: Cell[][] = [];
  for (const result of results) {
    const found = pairs(result);
    rows.push([
      result.benchCase.label,
      found.length,
      spread(
        found.map(([a]) => a.totalMs / 1000),
        2,
      ),
      spread(
        found.map(([, b]) => b.totalMs / 1000),
        2,
      ),
      spread(
        found.map(([a, b]) => relativeError(a.totalMs, b.totalMs)),
        1,
        (value, digits) => pct(value, digits),
      ),
      spread(found.map(([a, b]) => a.totalMs - b.totalMs)),
    ]);
  }
  printTable(["case", "pairs", "agents s", "direct s", "agents vs direct", "extra ms"], rows);
}

export function printSteps(results: CaseResult[]): void {
  const rows: Cell[][] = [];
  for (const result of results) {
    for (const path of ["agents", "direct"] as const) {
      const runs = completed(result, path);
      rows.push([
        result.benchCase.label,
        path,
        ...STEP_NAMES.map((step) => spread(runs.map((run) => run.steps[step]))),
      ]);
    }
  }
  printTable(["case", "path", ...STEP_NAMES.map((step) => `${step} ms`)], rows);
}

/** Median (range) of (predicted - actual) / actual over the runs where both are known. */
function predictionError(
  runs: RunResult[],
  of: (run: RunResult, prediction: Prediction) => [number, number | null],
) {
  return spread(
    runs.map((run) => {
      if (run.prediction === null) return null;
      const [predicted, actual] = of(run, run.prediction);
      return actual === null ? null : relativeError(predicted, actual);
    }),
    0,
    (value, digits) => pct(value, digits),
  );
}

function predicted(runs: RunResult[], of: (prediction: Prediction) => number, digits = 0): string {
  return spread(
    runs.map((run) => (run.prediction === null ? null : of(run.prediction))),
    digits,
  );
}

export function printPrediction(results: CaseResult[]): void {
  const time: Cell[][] = [];
  const volume: Cell[][] = [];
  for (const result of results) {
    const runs = completed(result, "agents").filter((run) => run.prediction !== null);
    const label = result.benchCase.label;
    time.push([
      label,
      predicted(runs, (p) => p.seconds, 1),
      spread(
        runs.map((run) => (run.recordedMs === null ? null : run.recordedMs / 1000)),
        1,
      ),
      predictionError(runs, (run, p) => [p.seconds * 1000, run.recordedMs]),
      predicted(runs, (p) => p.downtimeMs),
      predictionError(runs, (run, p) => [p.downtimeMs, run.reportedDowntimeMs]),
      predictionError(runs, (run, p) => [p.downtimeMs, run.qemuDowntimeMs]),
    ]);
    volume.push([
      label,
      `${predicted(runs, (p) => p.dirtyRateBytesPerSec / MiB, 1)} / ${result.benchCase.dirtyMiBps}`,
      predicted(runs, (p) => p.rounds),
      spread(runs.map((run) => run.rounds)),
      predicted(runs, (p) => p.transferBytes / MiB),
      spread(runs.map((run) => run.sentBytes / MiB)),
    ]);
  }
  printTable(["case", "pred s", "actual s", "error", "pred downtime ms", "vs agents'", "vs QEMU's"], time);
  console.log("");
  printTable(["case", "dirty MiB/s measured / set", "rounds pred", "rounds", "MiB pred", "MiB sent"], volume);
}

/** Each failed run's reason, once. */
export function printFailures(results: CaseResult[]): void {
  for (const result of results)
    for (const run of result.runs)
      if (run.error !== null) console.log(`  failed: ${result.benchCase.label} ${run.path}: ${run.error}`);
}
