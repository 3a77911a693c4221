import "server-only";
import { COLLECT_EVERY_MS } from "./live-ages";
import { liveHosts } from "./live-cluster";

/**
 * Asks the agents for their hosts and migrations every COLLECT_EVERY_MS while the dashboard runs,
 * whether or not a page is open, or back to back when a round takes longer. Two reasons: the
 * migration history records outcomes as they happen (each round reconciles it), not when someone
 * next looks; and the first view of a page finds a recent round, so at 200 agents it renders at
 * once instead of waiting a whole round. It costs nothing while pages poll: the rounds they ask for
 * are fresh enough for it (live-cluster.ts shares them).
 */

/** How often it looks whether a round is due: a fraction of COLLECT_EVERY_MS, so rounds start on time. */
const TICK_MS = 250;

const state = globalThis as unknown as { ballastCollector?: { timer: NodeJS.Timeout; asking: boolean } };

export function startCollector(): void {
  if (state.ballastCollector) return;
  const collector = { timer: setInterval(() => void tick(), TICK_MS), asking: false };
  // The collector alone never keeps the process up: the server does.
  collector.timer.unref();
  state.ballastCollector = collector;

  async function tick() {
    if (collector.asking) return;
    collector.asking = true;
    try {
      // Starts a round only when the last one started COLLECT_EVERY_MS ago; joins one in flight.
      await liveHosts(COLLECT_EVERY_MS);
    } catch (error) {
      // The registry (database) failed; an agent's own failure is an answer ("unreachable"), not this.
      console.error("collector: could not ask the agents:", error instanceof Error ? error.message : error);
    } finally {
      collector.asking = false;
    }
  }
}
