/** How old an agent round may be for whom (see live-cluster.ts); apart, so the benchmark can read them. */

/**
 * Under half the browser's 500 ms poll: one tab never gets its own previous answer back, and a second
 * tab adds at most this to what it shows (progress must reach the page within a second).
 */
export const MAX_AGE_MS = 200;

/**
 * How old a round a server render may start from. A page is only the first view: its live query asks
 * for a fresh round as soon as it is up (well within a second), so while any page polls, opening or
 * switching pages costs no agent round of its own; a dashboard nobody looked at for this long asks
 * the agents first. Actions still invalidate, so no page shows the cluster from before an action.
 */
export const FIRST_VIEW_MAX_AGE_MS = 5000;

/**
 * How often the server asks the agents while no page polls (live-collector.ts): well under
 * FIRST_VIEW_MAX_AGE_MS even when a round takes seconds (200 agents on a loaded machine), so a page
 * opened on an idle dashboard starts from a recent round instead of waiting for one.
 */
export const COLLECT_EVERY_MS = 2000;
