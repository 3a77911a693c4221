import "server-only";
import { COLLECT_EVERY_MS } from "./live-ages";
import { liveHosts } from "./live-cluster";

/**
 * Asks the agents for their hosts and migrations every COLLECT_EVERY_MS while the dashboard runs,
 * whether or not a page is open. Two reasons: the migration history records outcomes as they
 * happen (each round reconciles it), not when someone next looks; and the first view of a page
 * always finds a round younger than FIRST_VIEW_MAX_AGE_MS, so at 200 agents it renders at once
 * instead of waiting a whole round. It costs nothing while pages poll: a round they already asked
 * for is fresh enough and is reused (live-cluster.ts).
 */

const state = globalThis as unknown as { ballastCollector?: ReturnType<typeof setTimeout> };

export function startCollector(): void {
  if (state.ballastCollector) return;
  const collect = async () => {
    try {
      await liveHosts(COLLECT_EVERY_MS);
    } catch (error) {
      // The registry (database) failed; the agents' own failures are answers, not errors.
      console.error("collector: could not ask the agents:", error instanceof Error ? error.message : error);
    }
    state.ballastCollector = setTimeout(collect, COLLECT_EVERY_MS);
    state.ballastCollector.unref();
  };
  state.ballastCollector = setTimeout(collect, 0);
  state.ballastCollector.unref();
}
