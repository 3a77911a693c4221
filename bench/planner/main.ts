import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { greedyPlan } from "../../lib/planner/greedy";
import { parseSnapshot } from "../../lib/planner/parse-snapshot";
import { plan } from "../../lib/planner/plan";
import type { Plan } from "../../lib/planner/plan-types";
import { generateCluster } from "../../lib/planner/scenario/generate-cluster";
import { GOALS } from "../../lib/planner/snapshot-schema";
import { describeMachine } from "../agent/machine";
import { type Cell, fixed, printTable } from "../agent/table";
import { lowerBound } from "./lower-bound";
import { runCli } from "./run-cli";

/**
 * `npm run bench:planner`: generated clusters of 100, 1,000 and 5,000 hosts with 20 domains a host
 * (pods of mixed CPU models and hypervisor releases, rules of every kind, fragmented memory on a
 * quarter of the hosts, a host in maintenance per 200), each goal planned three ways: the planner
 * through the real command (`npm run --silent plan`, timed whole) and in process, the greedy
 * baseline in process, and the lower bound no plan can beat. One table; `BENCH_SIZES=100,1000`
 * runs fewer sizes.
 */

const SIZES = (process.env.BENCH_SIZES ?? "100,1000,5000").split(",").map(Number);
const HEADER = [
  "hosts/domains",
  "goal",
  "method",
  "cli s",
  "plan s",
  "moves",
  "waves",
  "GiB moved",
  "cpu sd",
  "mem sd",
  "hottest",
  "hosts used",
  "unplaceable",
];

function row(
  size: string,
  goal: string,
  method: string,
  cli: number | null,
  seconds: number,
  result: Plan,
): Cell[] {
  const { before, after } = result.metrics;
  const hot = (m: typeof before) => Math.max(m.hottest?.cpu ?? 0, m.hottest?.memory ?? 0);
  return [
    size,
    goal,
    method,
    cli === null ? "-" : fixed(cli, 2),
    fixed(seconds, 2),
    result.summary.moves,
    result.summary.waves,
    fixed(result.summary.transferMiB / 1024, 0),
    `${fixed(before.imbalance.cpu, 3)} -> ${fixed(after.imbalance.cpu, 3)}`,
    `${fixed(before.imbalance.memory, 3)} -> ${fixed(after.imbalance.memory, 3)}`,
    `${fixed(hot(before) * 100, 0)}% -> ${fixed(hot(after) * 100, 0)}%`,
    `${before.hostsUsed} -> ${after.hostsUsed}`,
    result.unplaceable.length,
  ];
}

function timed<T>(run: () => T): { seconds: number; value: T } {
  const started = performance.now();
  const value = run();
  return { seconds: (performance.now() - started) / 1000, value };
}

function main(): void {
  console.log("ballast planner benchmark");
  for (const line of describeMachine()) console.log(line);
  const dir = mkdtempSync(join(tmpdir(), "ballast-bench-planner-"));
  const rows: Cell[][] = [];
  try {
    for (const hosts of SIZES) {
      for (const goal of GOALS) {
        const input = generateCluster({ hosts, goal, seed: 42 });
        const size = `${hosts}/${input.domains.length}`;
        const file = join(dir, `${hosts}-${goal}.json`);
        writeFileSync(file, JSON.stringify(input));
        const cli = runCli(file, join(dir, `${hosts}-${goal}.plan.json`));
        const snapshot = parseSnapshot(input);
        const ours = timed(() => plan(snapshot));
        if (ours.value.moves.length !== cli.plan.moves.length)
          throw new Error("the CLI and the library disagree");
        const greedy = timed(() => greedyPlan(snapshot));
        rows.push(row(size, goal, "planner", cli.seconds, ours.seconds, ours.value));
        rows.push(row(size, goal, "greedy", null, greedy.seconds, greedy.value));
        const bound = lowerBound(snapshot);
        const before = ours.value.metrics.before;
        rows.push([
          size,
          goal,
          "lower bound",
          "-",
          "-",
          bound.moves ?? "-",
          "-",
          fixed(bound.transferMiB / 1024, 0),
          `${fixed(before.imbalance.cpu, 3)} -> 0.000`,
          `${fixed(before.imbalance.memory, 3)} -> 0.000`,
          `${fixed(Math.max(before.hottest?.cpu ?? 0, before.hottest?.memory ?? 0) * 100, 0)}% -> ${fixed(bound.hottest * 100, 0)}%`,
          `${before.hostsUsed} -> ${bound.hostsUsed}`,
          "-",
        ]);
        console.error(
          `  ${size} ${goal}: command ${fixed(cli.seconds, 2)} s, in process ${fixed(ours.seconds, 2)} s`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("");
  printTable(HEADER, rows);
  console.log(
    "\ncli s: `npm run --silent plan < snapshot.json > plan.json` timed whole; plan s: the same planner in process.",
  );
  console.log(
    "sd: standard deviation of the hosts' CPU and memory use; GiB moved: predicted transfer (pre-copy model).",
  );
  console.log(
    "lower bound: perfect balance (or the fewest hosts the demand allows) ignoring every constraint.",
  );
}

main();
