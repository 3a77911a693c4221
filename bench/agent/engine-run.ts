import type { TransferResult } from "../../agent/drivers/driver";
import { VirtualClock } from "../../agent/drivers/sim/clock";
import { type EngineOptions, runPrecopy } from "../../agent/drivers/sim/precopy-engine";

/**
 * Runs the simulated pre-copy engine with no network and no waiting: a virtual clock that jumps to
 * wherever the engine sleeps until, and a sink that drops the pages. What is left is the engine's
 * own rounds, dirty tracking and stop rules, in simulated time.
 */

export interface EngineRun {
  result: TransferResult;
  /** Simulated seconds from the first page to the end of the stop-and-copy. */
  seconds: number;
  /** Real time the simulation took, ms (the cost of the bitmap work). */
  cpuMs: number;
}

const NO_OP_SINK = { sendPages: async () => {}, suspend: async () => {} };

export async function runEngine(options: EngineOptions): Promise<EngineRun> {
  const clock = new VirtualClock();
  const started = performance.now();
  const result = await runPrecopy(options, clock, NO_OP_SINK);
  return { result, seconds: clock.now(), cpuMs: performance.now() - started };
}
