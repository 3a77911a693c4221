/** How old an agent round may be for whom (see live-cluster.ts); apart, so the benchmark can read them. */

/**
 * Under half the browser's 500 ms poll: one tab never gets its own previous answer back, and a second
 * tab adds at most this to what it shows (progress must reach the page within a second).
 */
export const MAX_AGE_MS = 200;

/**
 * How often the server asks the agents for hosts and migrations while no page polls
 * (live-collector.ts); when a round takes longer, the next one starts as soon as it is done.
 */
export const COLLECT_EVERY_MS = 2000;

/**
 * How old a round a server render may start from. A page is only the first view: its live query asks
 * for a fresh round as soon as it is up (well within a second), so opening or switching pages costs
 * no agent round of its own. The collector keeps the hosts' rounds at most two rounds old (one every
 * COLLECT_EVERY_MS, or back to back): at 200 agents on a loaded 2-core machine a round takes up to
 * about 4 s, so this allows for two of those, and a render waits for the agents only when they are
 * slower still (or after a start, or after an action: actions invalidate, so no page shows the
 * cluster from before an action).
 */
export const FIRST_VIEW_MAX_AGE_MS = 10_000;
