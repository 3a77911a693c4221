import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { MigrationRecord } from "./migration/migration-record";

/** Prometheus metrics of one agent: migrations by kind and outcome, bytes, durations, downtimes. */
export class AgentMetrics {
  readonly registry = new Registry();

  private readonly migrations = new Counter({
    name: "ballast_migrations_total",
    help: "Migrations this agent took part in, by role, kind and outcome.",
    labelNames: ["role", "kind", "outcome"] as const,
    registers: [this.registry],
  });

  private readonly bytesSent = new Counter({
    name: "ballast_migration_bytes_sent_total",
    help: "Guest state sent as a migration source, in bytes of guest memory.",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: "ballast_migration_duration_seconds",
    help: "Time from start to end of migrations this agent was the source of.",
    labelNames: ["kind", "outcome"] as const,
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  private readonly downtime = new Histogram({
    name: "ballast_migration_downtime_milliseconds",
    help: "Measured guest pause of completed migrations this agent was the source of.",
    labelNames: ["kind"] as const,
    buckets: [10, 50, 100, 200, 300, 500, 1000, 2000, 5000, 20000, 60000],
    registers: [this.registry],
  });

  readonly inProgress = new Gauge({
    name: "ballast_migrations_in_progress",
    help: "Migrations not yet ended, by role.",
    labelNames: ["role"] as const,
    registers: [this.registry],
  });

  readonly precheckFailures = new Counter({
    name: "ballast_precheck_failures_total",
    help: "Failed pre-checks, by code.",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });

  /** Called once per migration, when it reaches its final phase. */
  ended(record: MigrationRecord): void {
    this.migrations.inc({ role: record.role, kind: record.kind, outcome: record.phase });
    if (record.role !== "source") return;
    this.bytesSent.inc({ kind: record.kind }, record.transferredBytes);
    const seconds = (Date.parse(record.endedAt ?? record.startedAt) - Date.parse(record.startedAt)) / 1000;
    this.duration.observe({ kind: record.kind, outcome: record.phase }, seconds);
    if (record.phase === "completed" && record.downtimeMs !== null)
      this.downtime.observe({ kind: record.kind }, record.downtimeMs);
  }
}
