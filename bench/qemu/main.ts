import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { DEFAULT_QEMU_BINARY } from "../../agent/drivers/qemu/qemu-args";
import { prepareQemu } from "../../cluster/qemu-guests";
import { describeMachine } from "../agent/machine";
import { heading } from "../agent/table";
import { installSignalHandlers, isInterrupted } from "../ui/cleanup";
import { benchOptions, CASES, describeCase } from "./cases";
import { printFailures, printMigrations, printOverhead, printPrediction, printSteps } from "./report";
import { runCases } from "./run-cases";
import type { CaseResult } from "./run-result";

/**
 * `npm run bench:qemu`: live migrations of real QEMU guests through two host agents, against the
 * same migrations driven directly over QMP, on loopback. It prints figures and judges nothing:
 * a case that crashes makes the run exit non-zero after the others ran. Every QEMU and folder it
 * starts is gone at the end, also after an error or Ctrl-C (the agents' guests with their cluster).
 */

function qemuVersion(): string {
  try {
    return execFileSync(DEFAULT_QEMU_BINARY, ["--version"], { encoding: "utf8" }).split("\n")[0] ?? "?";
  } catch (error) {
    return `unknown (${(error as Error).message})`;
  }
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

async function main(): Promise<number> {
  const started = performance.now();
  installSignalHandlers();
  const options = benchOptions();
  console.log("ballast QEMU migration benchmark: two agents against QEMU driven directly over QMP");
  for (const line of describeMachine()) console.log(line);
  await prepareQemu((line) => console.error(`guest-image: ${line}`));
  console.log(`qemu: ${qemuVersion()}, software emulation (tcg), 1 vcpu, loopback`);
  for (const c of CASES) console.log(`case ${c.label}: ${describeCase(c)}`);
  console.log(
    `${options.repeats} pairs a case, agents then direct (A B A B ...); both guests of a case run throughout, so each path shares the machine with the other's guest`,
  );

  const { results, crashed } = await runCases(CASES, options, started);
  report(results);
  console.log(
    `\nload average ${load()} at the end; benchmark finished in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  if (isInterrupted()) return 130;
  for (const name of crashed) console.error(`crashed case: ${name}`);
  return crashed.length > 0 ? 1 : 0;
}

function report(results: CaseResult[]): void {
  heading("Migrations (median, range in brackets)");
  printMigrations(results);
  console.log(
    "  total: agents from the start request to the source's end of the migration (its record), direct from\n" +
      "  starting the target QEMU to the source QEMU ended; guest pause: agents' whole pause (QEMU's stop-and-copy\n" +
      "  and the hand-off until the target runs it), direct from the source's STOP to the target's RESUME event",
  );
  heading("Agents' overhead (per pair: agents' run and the direct run after it)");
  printOverhead(results);
  console.log("  target: within 5% of the direct migration");
  heading("Where the time goes (ms, median)");
  printSteps(results);
  console.log(
    "  before: the start request's pre-check; target: starting the target QEMU (agents: the target's prepare);\n" +
      "  migrate: until QEMU completed (its guest stop + downtime); notice: until the source side knew it\n" +
      "  (agents: 200 ms poll + completion round trip over the control link); handoff: until the guest runs\n" +
      "  on the target (direct: QEMU runs it by itself); end: the source QEMU ended",
  );
  heading("Prediction (the dry run before each agents' migration) against what happened");
  printPrediction(results);
  console.log(
    "  actual s: the agents' record (endedAt - startedAt, as the dashboard's history shows it); err: (pred - actual) / actual",
  );
  printFailures(results);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
