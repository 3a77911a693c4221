import "server-only";
import { type Coalesced, coalesce } from "./coalesce";
import { reconcile } from "./history";
import { MAX_AGE_MS } from "./live-ages";
import {
  type ClusterDomains,
  type ClusterHosts,
  type ClusterSnapshot,
  takeDomainsSnapshot,
  takeHostsSnapshot,
  takeSnapshot,
} from "./snapshot";
import { allMigrations, type WithMigrations } from "./summary";

/**
 * The cluster as the pages and their polls get it: one agent round in flight at a time per kind,
 * shared by every caller (server renders, polls of every open tab), and reused for MAX_AGE_MS (server
 * renders take one up to FIRST_VIEW_MAX_AGE_MS old: see live-ages.ts). Each
 * round brings the migration history up to date before it is served, so a page reading the history
 * after it sees what the agents reported. Server actions that change the cluster call
 * invalidateLive(), so the page after an action never shows the cluster from before it.
 */

interface Live {
  full: Coalesced<ClusterSnapshot>;
  hosts: Coalesced<ClusterHosts>;
  domains: Coalesced<ClusterDomains>;
  history: Promise<void>;
}

// On globalThis: Next may load this module once per route bundle, and they must share the rounds.
const store = globalThis as unknown as { ballastLiveCluster?: Live };

function live(): Live {
  if (!store.ballastLiveCluster) {
    const state: Live = {
      full: coalesce(() => takeSnapshot().then(recorded), { maxAgeMs: MAX_AGE_MS }),
      hosts: coalesce(() => takeHostsSnapshot().then(recorded), { maxAgeMs: MAX_AGE_MS }),
      domains: coalesce(() => takeDomainsSnapshot().then(recorded), { maxAgeMs: MAX_AGE_MS }),
      history: Promise.resolve(),
    };
    store.ballastLiveCluster = state;
  }
  return store.ballastLiveCluster;
}

/**
 * Writes the round's migrations to the history, one round after another (two rounds racing to
 * insert the same new migration would collide); a database failure is logged, not served.
 */
async function recorded<T extends WithMigrations>(snapshot: T): Promise<T> {
  const state = live();
  const write = state.history.then(() => reconcile(allMigrations(snapshot)));
  state.history = write.catch(() => undefined);
  await write.catch((error: unknown) => {
    console.error("history: could not record migrations:", error instanceof Error ? error.message : error);
  });
  return snapshot;
}

/** Every host with its domains and migrations, from a round at most `maxAgeMs` old. */
export function liveSnapshot(maxAgeMs = MAX_AGE_MS): Promise<ClusterSnapshot> {
  return live().full.get(maxAgeMs);
}

/** Every host and its migrations; a recent enough full snapshot serves as well. */
export function liveHosts(maxAgeMs = MAX_AGE_MS): Promise<ClusterHosts> {
  const state = live();
  const full = state.full.peek(maxAgeMs);
  return full ? Promise.resolve(full) : state.hosts.get(maxAgeMs);
}

/** Every host's domains and migrations (the domains list); a recent enough full snapshot serves as well. */
export function liveDomains(maxAgeMs = MAX_AGE_MS): Promise<ClusterDomains> {
  const state = live();
  const full = state.full.peek(maxAgeMs);
  return full ? Promise.resolve(full) : state.domains.get(maxAgeMs);
}

/** After an action changed the cluster (a migration started, an agent added): the next caller asks again. */
export function invalidateLive(): void {
  const state = live();
  state.full.invalidate();
  state.hosts.invalidate();
  state.domains.invalidate();
}
