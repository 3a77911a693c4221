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
        spread(runs.map((run) => run.rounds)),
        spread(runs.map((run) => run.qemuDowntimeMs)),
        spread(runs.map((run) => run.pauseMs)),
        spread(runs.map((run) => run.sentBytes / MiB)),
      ]);
    }
  }
  printTable(
    ["case", "path", "n", "total s", "rounds", "QEMU downtime ms", "guest pause ms", "MiB sent"],
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

export function printPrediction(results: CaseResult[]): void {
  const rows: Cell[][] = [];
  for (const result of results) {
    const runs = completed(result, "agents").filter((run) => run.prediction !== null);
    const predicted = (run: RunResult) => run.prediction as NonNullable<RunResult["prediction"]>;
    const error = (of: (run: RunResult) => [number, number | null]) =>
      spread(
        runs.map((run) => {
          const [guess, actual] = of(run);
          return actual === null ? null : relativeError(guess, actual);
        }),
        0,
        (value, digits) => pct(value, digits),
      );
    rows.push([
      result.benchCase.label,
      `${spread(
        runs.map((run) => predicted(run).dirtyRateBytesPerSec / MiB),
        1,
      )} / ${result.benchCase.dirtyMiBps}`,
      spread(
        runs.map((run) => predicted(run).seconds),
        1,
      ),
      spread(
        runs.map((run) => (run.recordedMs === null ? null : run.recordedMs / 1000)),
        1,
      ),
      error((run) => [predicted(run).seconds * 1000, run.recordedMs]),
      spread(runs.map((run) => predicted(run).downtimeMs)),
      error((run) => [predicted(run).downtimeMs, run.pauseMs]),
      error((run) => [predicted(run).downtimeMs, run.qemuDowntimeMs]),
      `${spread(runs.map((run) => predicted(run).rounds))} / ${spread(runs.map((run) => run.rounds))}`,
      `${spread(runs.map((run) => predicted(run).transferBytes / MiB))} / ${spread(runs.map((run) => run.sentBytes / MiB))}`,
    ]);
  }
  printTable(
    [
      "case",
      "dirty MiB/s seen / set",
      "pred s",
      "actual s",
      "err",
      "pred down ms",
      "err vs pause",
      "err vs QEMU",
      "rounds pred / real",
      "MiB pred / real",
    ],
    rows,
  );
}

/** Each failed run's reason, once. */
export function printFailures(results: CaseResult[]): void {
  for (const result of results)
    for (const run of result.runs)
      if (run.error !== null) console.log(`  failed: ${result.benchCase.label} ${run.path}: ${run.error}`);
}
