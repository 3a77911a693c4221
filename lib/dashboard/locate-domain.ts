import type { Domain } from "../schemas/domain";
import type { MigrationStatus } from "../schemas/migration";
import type { ClusterSnapshot, HostView } from "./snapshot";
import { activeMigrations, allMigrations } from "./summary";

/**
 * Where a domain is now, for the domain page: a domain page names a host, and the domain may leave
 * it (a completed migration) while someone watches; the page follows it instead of going blank.
 */

export type DomainLocation =
  | { kind: "here"; view: HostView; domain: Domain }
  /** Not on the host asked for any more; `migration` is the one that took it away, when known. */
  | { kind: "moved"; from: string; to: string; name: string; migration: MigrationStatus | null }
  | { kind: "unreachable"; host: string; error: string | null }
  | { kind: "missing" };

/** Phases after which the domain runs on the target (hand-off: the target has resumed it). */
const LANDED = new Set(["handoff", "completed"]);

export function locateDomain(snapshot: ClusterSnapshot, name: string, host?: string): DomainLocation {
  const view = snapshot.hosts.find((h) => h.name === host);
  // No host, or one no agent is registered as (a stale link): the running copy, wherever it is.
  if (host === undefined || !view) {
    const found = findAnywhere(snapshot, name);
    return found ? { kind: "here", ...found } : { kind: "missing" };
  }
  if (!view.reachable) return { kind: "unreachable", host, error: view.error };
  const domain = view.domains.find((d) => d.name === name);
  if (domain) return { kind: "here", view, domain };

  const followed = followMigrations(snapshot, name, host);
  if (followed) return { kind: "moved", from: host, ...followed };
  const elsewhere = findAnywhere(snapshot, name);
  if (elsewhere) return { kind: "moved", from: host, to: elsewhere.view.name, name, migration: null };
  return { kind: "missing" };
}

/**
 * Follows the migrations that left `host` with `name`, newest first, hop by hop (h1 to h2, then h2 to
 * h3), until a host that has the domain; stops at an unreachable host, the best that is known then.
 */
function followMigrations(
  snapshot: ClusterSnapshot,
  name: string,
  host: string,
): { to: string; name: string; migration: MigrationStatus } | null {
  const landed = allMigrations(snapshot).filter((m) => LANDED.has(m.phase));
  let at = { host, name };
  for (let hop = 0; hop < landed.length; hop++) {
    const next = landed.find((m) => m.source === at.host && m.domain === at.name);
    if (!next) return null;
    at = { host: next.target, name: next.targetName };
    const view = snapshot.hosts.find((h) => h.name === at.host);
    const there = view?.domains.some((d) => d.name === at.name);
    if (there || (view && !view.reachable)) return { to: at.host, name: at.name, migration: next };
  }
  return null;
}

/** A domain of that name on any reachable host; the running copy, not a migration's target copy. */
function findAnywhere(snapshot: ClusterSnapshot, name: string): { view: HostView; domain: Domain } | null {
  const copies = snapshot.hosts.flatMap((view) =>
    view.domains.filter((d) => d.name === name).map((domain) => ({ view, domain })),
  );
  return copies.find((copy) => copy.domain.migration?.role !== "target") ?? copies[0] ?? null;
}

/** The migration under way that this copy of the domain is part of, as source or as target. */
export function domainMigration(
  snapshot: ClusterSnapshot,
  host: string,
  domain: Domain,
): MigrationStatus | null {
  const active = activeMigrations(snapshot);
  const byId = domain.migration && active.find((m) => m.id === domain.migration?.id);
  if (byId) return byId;
  return (
    active.find(
      (m) =>
        (m.source === host && m.domain === domain.name) ||
        (m.target === host && m.targetName === domain.name),
    ) ?? null
  );
}

/** The newest failed migration this copy took part in: the reason behind a FLAGS `e`. */
export function lastFailedMigration(
  snapshot: ClusterSnapshot,
  host: string,
  name: string,
): MigrationStatus | null {
  return (
    allMigrations(snapshot).find(
      (m) =>
        m.phase === "failed" &&
        ((m.source === host && m.domain === name) || (m.target === host && m.targetName === name)),
    ) ?? null
  );
}
