import { apiLatency } from "./api-latency";
import { engineVsModel } from "./engine-vs-model";
import { describeMachine } from "./machine";
import { migrationRate } from "./migration-rate";

/**
 * `npm run bench:agent`: prints the host agent's figures in three sections. It is a measurement,
 * not a test: nothing is judged pass or fail, but a section that crashes makes the run exit
 * non-zero (after the other sections have run, so one failure does not hide the rest's figures).
 * Every loop is bounded by a count and a time, and every cluster is stopped on the way out.
 */

const SECTIONS: [string, () => Promise<void>][] = [
  ["API latency", () => apiLatency()],
  ["migration throughput", () => migrationRate()],
  ["engine vs model", () => engineVsModel()],
];

async function main(): Promise<number> {
  const started = performance.now();
  console.log("ballast host agent benchmark");
  for (const line of describeMachine()) console.log(line);
  const crashed: string[] = [];
  for (const [name, run] of SECTIONS) {
    try {
      await run();
    } catch (error) {
      crashed.push(name);
      console.error(
        `\n!! section "${name}" crashed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
      );
    }
  }
  console.log(`\nbenchmark finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (crashed.length > 0) console.error(`crashed sections: ${crashed.join(", ")}`);
  return crashed.length > 0 ? 1 : 0;
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
