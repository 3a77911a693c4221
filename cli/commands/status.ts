import type { AgentClient } from "../../lib/agent-client/agent-client";
import type { ClusterClient } from "../../lib/agent-client/cluster-client";
import { isFinalPhase, type MigrationStatus } from "../../lib/schemas/migration";
import { formatBytes } from "../../lib/units";
import { table } from "../table";

/** `status [ID]`: migrations as `ldm list -o status` shows them; `cancel ID|DOMAIN`. */

export async function status(cluster: ClusterClient, id?: string, all = false): Promise<string> {
  const seen = new Map<string, MigrationStatus>();
  for (const answer of await cluster.migrations()) {
    if (!answer.ok) continue;
    for (const migration of answer.value) {
      // Both ends know a migration; the source's view is the one that drives it.
      if (!seen.has(migration.id) || migration.role === "source") seen.set(migration.id, migration);
    }
  }
  const chosen = [...seen.values()].filter((m) => (id ? m.id.startsWith(id) : all || !isFinalPhase(m.phase)));
  if (id && chosen.length === 0) throw new Error(`no migration ${id}`);
  if (chosen.length === 0) return "No migration in progress.";
  return table(
    [
      "ID",
      "DOMAIN",
      "OPERATION",
      "PHASE",
      "PROGRESS",
      "SOURCE",
      "TARGET",
      "ROUND",
      "SENT",
      "DOWNTIME",
      "ERROR",
    ],
    chosen.map((m) => [
      m.id.slice(0, 8),
      m.domain === m.targetName ? m.domain : `${m.domain}->${m.targetName}`,
      `migration (${m.kind})`,
      m.phase,
      `${m.progress}%`,
      m.source,
      m.target,
      String(m.round),
      `${formatBytes(m.transferredBytes)}/${formatBytes(m.totalBytes)}`,
      downtime(m),
      m.error ?? "",
    ]),
  );
}

/** Measured when it completed; expected while it runs; nothing for one that ended otherwise. */
function downtime(migration: MigrationStatus): string {
  if (migration.downtimeMs !== null) return `${migration.downtimeMs} ms`;
  return isFinalPhase(migration.phase) ? "" : `~${Math.round(migration.expectedDowntimeMs)} ms`;
}

export async function cancel(cluster: ClusterClient, idOrDomain: string): Promise<string> {
  for (const answer of await cluster.migrations()) {
    if (!answer.ok) continue;
    const migration = answer.value.find(
      (m) =>
        m.role === "source" &&
        !isFinalPhase(m.phase) &&
        (m.id.startsWith(idOrDomain) || m.domain === idOrDomain),
    );
    if (!migration) continue;
    const agent = cluster.agent(answer.name);
    if (!agent) continue;
    const result = await agent.client.cancel(migration.id);
    return `Migration ${migration.id} of ${migration.domain}: ${result.phase}; ${migration.domain} runs on ${migration.source}.`;
  }
  throw new Error(`no migration in progress for ${idOrDomain}`);
}

/** `resolve ID --keep source|target`: an admin's decision on a migration that needs attention. */
export async function resolve(
  cluster: ClusterClient,
  idOrDomain: string,
  keep: "source" | "target",
): Promise<string> {
  for (const answer of await cluster.migrations()) {
    if (!answer.ok) continue;
    const migration = answer.value.find(
      (m) =>
        m.role === "source" &&
        m.phase === "needs-attention" &&
        (m.id.startsWith(idOrDomain) || m.domain === idOrDomain),
    );
    const agent = migration && cluster.agent(answer.name);
    if (!migration || !agent) continue;
    const result = await agent.client.resolve(migration.id, keep);
    return `Migration ${migration.id}: ${result.phase}. ${result.error ?? ""}`.trim();
  }
  throw new Error(`no migration needing attention for ${idOrDomain}`);
}

/** Prints progress lines until the migration ends; returns its final status. */
export async function followMigration(client: AgentClient, id: string): Promise<MigrationStatus> {
  let last = "";
  for (;;) {
    const migration = await client.migration(id);
    const line = `${migration.phase.padEnd(15)} ${String(migration.progress).padStart(3)}%  round ${migration.round}  ${formatBytes(migration.transferredBytes)} sent  ${formatBytes(migration.remainingBytes)} left`;
    if (line !== last) process.stdout.write(`${line}\n`);
    last = line;
    if (isFinalPhase(migration.phase) || migration.phase === "needs-attention") {
      const downtime = migration.downtimeMs === null ? "" : `, downtime ${migration.downtimeMs} ms`;
      process.stdout.write(`${migration.phase}${downtime}${migration.error ? `: ${migration.error}` : ""}\n`);
      return migration;
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}
