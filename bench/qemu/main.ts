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

function note(...lines: string[]): void {
  for (const line of lines) console.log(`  ${line}`);
}

function report(results: CaseResult[]): void {
  heading("Migrations (median, range in brackets)");
  printMigrations(results);
  note(
    "total: agents from the start request to the end of the source's record; direct from starting the target",
    "QEMU to the source QEMU ended. QEMU s: QEMU's own total-time (direct only). guest pause: agents from the",
    "source agent's log of QEMU's STOP to the target agent's log of the guest running; direct from the source's",
    "STOP event to the target's RESUME event. agents' downtime: what the agents report (API, dashboard)",
  );
  heading("Agents' overhead (per pair: agents' run and the direct run after it)");
  printOverhead(results);
  note("target: within 5% of the direct migration");
  heading("Where the time goes (ms, median)");
  printSteps(results);
  note(
    "before: the start request's pre-check; target: starting the target QEMU (agents: the target's prepare);",
    "migrate: until the source side saw QEMU's migration completed (agents: QEMU's events, direct: a 25 ms poll);",
    "arrival: the control link's completion round trip (the target checks its QEMU and writes that down);",
    "handoff: until the guest runs on the target (direct: QEMU runs it by itself); end: the source QEMU ended",
  );
  heading("Prediction (the dry run before each agents' migration) against what happened");
  printPrediction(results);
  note(
    "actual s: the agents' record (endedAt - startedAt, as the dashboard's history shows it);",
    "error: (predicted - actual) / actual, the downtime against the agents' reported one and QEMU's own;",
    "dirty rate: the dry run's measurement (QEMU calc-dirty-rate) against what the guest was told to write",
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
