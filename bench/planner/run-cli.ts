import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import type { Plan } from "../../lib/planner/plan-types";

/**
 * The whole command, timed from outside as a user would run it:
 * `npm run --silent plan < snapshot.json > plan.json`, npm and Node start-up included.
 */
export function runCli(snapshotFile: string, planFile: string): { seconds: number; plan: Plan } {
  const input = openSync(snapshotFile, "r");
  const output = openSync(planFile, "w");
  const started = performance.now();
  const result = spawnSync("npm", ["run", "--silent", "plan"], {
    stdio: [input, output, "pipe"],
    timeout: 300_000,
  });
  const seconds = (performance.now() - started) / 1000;
  closeSync(input);
  closeSync(output);
  if (result.status !== 0) {
    throw new Error(`npm run plan exited ${result.status}: ${result.stderr?.toString().trim()}`);
  }
  return { seconds, plan: JSON.parse(readFileSync(planFile, "utf8")) as Plan };
}
