import { parseSnapshot } from "./parse-snapshot";
import { plan } from "./plan";
import type { Plan } from "./plan-types";
import { SnapshotError } from "./snapshot-error";
import type { Goal, Policy, Rule, Snapshot } from "./snapshot-schema";

/**
 * Hypotheticals, answered by the same planner on a changed copy of the snapshot: nothing is
 * acted on. "What if h3 were drained?", "what if these two were kept apart?", "what would a more
 * aggressive setting move?" The changed snapshot is validated like any other, so a hypothetical
 * naming an unknown host or domain gets the same one-line SnapshotError.
 */

export interface WhatIf {
  /** Hosts to empty, as if put into maintenance. */
  drain?: string[];
  /** Rules to add to the snapshot's own. */
  rules?: Rule[];
  aggressiveness?: number;
  goal?: Goal;
  /** Any other policy setting to try. */
  policy?: Partial<Policy>;
}

export function hypothetical(snapshot: Snapshot, change: WhatIf): Snapshot {
  const drain = new Set(change.drain ?? []);
  const known = new Set(snapshot.hosts.map((host) => host.name));
  for (const name of drain) {
    if (!known.has(name)) throw new SnapshotError(`drain: unknown host "${name}"`);
  }
  return parseSnapshot({
    ...snapshot,
    hosts: snapshot.hosts.map((host) => (drain.has(host.name) ? { ...host, maintenance: true } : host)),
    rules: [...snapshot.rules, ...(change.rules ?? [])],
    policy: {
      ...snapshot.policy,
      ...change.policy,
      ...(change.goal ? { goal: change.goal } : {}),
      ...(change.aggressiveness !== undefined ? { aggressiveness: change.aggressiveness } : {}),
    },
  });
}

/** The plan the planner would make if the change were real. */
export function whatIf(snapshot: Snapshot, change: WhatIf): Plan {
  return plan(hypothetical(snapshot, change));
}
