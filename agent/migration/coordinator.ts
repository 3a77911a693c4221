import type { Logger } from "pino";
import { domainFlags } from "../../lib/flags";
import { macsOf } from "../../lib/prechecks/from-inventory";
import type { Domain } from "../../lib/schemas/domain";
import {
  type DryRunResult,
  isFinalPhase,
  type MigrationStatus,
  type ResolveMigrationRequest,
  type StartMigrationRequest,
} from "../../lib/schemas/migration";
import type { AbortRequest, HelloResponse, PrepareRequest, TransferEndpoint } from "../../lib/schemas/peer";
import { ApiError, conflict, notFound } from "../api-error";
import type { PeerLookup } from "../auth/peer-clients";
import type { AgentConfig } from "../config";
import type { HypervisorDriver } from "../drivers/driver";
import type { AgentMetrics } from "../metrics";
import { MigrationContext, type RunningMigration } from "./migration-context";
import { toStatus } from "./migration-record";
import { MigrationStore } from "./migration-store";
import { precheck } from "./precheck";
import { recover, resolveByAdmin, settleWithPeers } from "./recovery";
import { newSourceRecord, runSource, ShutdownError } from "./source-side";
import { abortTarget, finishTarget, prepareTarget } from "./target-side";

/** The agent's migrations: one state machine each, persisted, recovered on start. The API's back end. */
export class Coordinator {
  private readonly context: MigrationContext;
  private settleTimer: NodeJS.Timeout | undefined;
  private settling = false;
  private accepting = true;

  constructor(
    config: AgentConfig,
    driver: HypervisorDriver,
    metrics: AgentMetrics,
    log: Logger,
    peers: PeerLookup,
  ) {
    const store = new MigrationStore(config.stateDir, config.migration.historyLimit);
    this.context = new MigrationContext(config, driver, store, metrics, log, peers);
  }

  /** Loads the migrations on disk and recovers them; then keeps settling what waits on peers. */
  async open(settleEveryMs = 2000): Promise<void> {
    for (const record of await this.context.store.load()) {
      // One migration that cannot be recovered now must not keep the agent (and its guests) down.
      await recover(this.context, record).catch((error: Error) => {
        this.context.log.error(
          { migration: record.id, phase: record.phase, err: error },
          "migration not recovered at start; it stays as it was",
        );
      });
    }
    this.settleTimer = setInterval(() => void this.settle(), settleEveryMs);
    this.settleTimer.unref();
    void this.settle();
  }

  /** Stops taking work; rolls back what has not reached hand-off and waits for the rest. */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    this.accepting = false;
    clearInterval(this.settleTimer);
    const running = [...this.context.running.values()];
    const stopping = new ShutdownError(
      `the source agent ${this.context.config.name} shut down; the domain runs on it`,
    );
    for (const run of running) {
      if (run.record.role === "source" && !["handoff", "needs-attention"].includes(run.record.phase)) {
        run.controller.abort(stopping);
      }
    }
    const deadline = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([Promise.allSettled(running.map((run) => run.settled)), deadline]);
    await this.context.store.drain();
  }

  /** The driver's domains with the migration flags; the driver hands out fresh objects, so they are extended in place. */
  domains(): Domain[] {
    return this.context.driver.domains().map((domain) => {
      const { mark, migration } = this.context.mark(domain.name);
      return Object.assign(domain, {
        flags: domainFlags({ state: domain.state, delayedReconfig: domain.delayedReconfig, migration: mark }),
        migration: migration && { id: migration.id, role: migration.role, phase: migration.phase },
      });
    });
  }

  /** Why the domain may not be operated on now (a migration holds it), or null. */
  busyReason(localName: string): string | null {
    return this.context.busyReason(localName);
  }

  list(): MigrationStatus[] {
    return this.context.store.all().map(toStatus);
  }

  get(id: string): MigrationStatus {
    const record = this.context.store.get(id);
    if (!record) throw notFound(`migration ${id}`);
    return toStatus(record);
  }

  async dryRun(request: StartMigrationRequest): Promise<DryRunResult> {
    const outcome = await precheck(this.context, request);
    return { ok: outcome.ok, checks: outcome.checks, prediction: outcome.prediction };
  }

  async startMigration(request: StartMigrationRequest): Promise<MigrationStatus> {
    if (!this.accepting)
      throw new ApiError(503, "SHUTTING_DOWN", `agent ${this.context.config.name} is shutting down`);
    const outcome = await precheck(this.context, request);
    // The domain may have become busy while we asked the target: the busy map is the last word.
    const busy = this.context.busyReason(request.domain);
    if (busy)
      outcome.checks.push({
        code: "DOMAIN_BUSY",
        ok: false,
        message: `DOMAIN_BUSY: domain ${request.domain} is busy: ${busy}`,
      });
    const failed = outcome.checks.filter((check) => !check.ok);
    if (failed.length > 0) {
      throw new ApiError(
        422,
        "PRECHECK_FAILED",
        `${failed.length} pre-check(s) failed: ${failed.map((c) => c.code).join(", ")}`,
        outcome.checks,
      );
    }
    const peer = this.context.peer(request.target);
    if (!peer) throw new ApiError(422, "AUTH_FAILED", `no credentials for ${request.target}`);
    const record = newSourceRecord(this.context, request, outcome);
    const run: RunningMigration = {
      record,
      controller: new AbortController(),
      tracker: this.context.newTracker(record),
      settled: Promise.resolve(),
    };
    this.context.track(record);
    this.context.running.set(record.id, run);
    await this.context.store.save(record);
    run.settled = runSource(this.context, run, peer).catch((error) => {
      this.context.log.error({ migration: record.id, err: error }, "migration runner crashed");
    });
    return toStatus(record);
  }

  /** Cancel, from the source only, up to hand-off; resolves once the rollback is done. */
  async cancel(id: string): Promise<MigrationStatus> {
    const record = this.context.store.get(id);
    if (!record) throw notFound(`migration ${id}`);
    if (record.role === "target") {
      throw conflict(
        "ONLY_SOURCE_CAN_CANCEL",
        `only the source can cancel a migration: ask ${record.source.name} (${record.source.url}); this host is its target`,
      );
    }
    if (isFinalPhase(record.phase))
      throw conflict(
        "MIGRATION_ENDED",
        `migration ${id} has already ${record.phase === "completed" ? "completed" : `ended (${record.phase})`}`,
      );
    const run = this.context.running.get(id);
    if (record.phase === "handoff" || record.phase === "needs-attention" || !run) {
      throw conflict(
        "TOO_LATE_TO_CANCEL",
        `migration ${id} is in ${record.phase}: the target may already run the domain, so it can no longer be cancelled`,
      );
    }
    run.controller.abort();
    await run.settled;
    return toStatus(record);
  }

  /** An admin settles a hand-off whose outcome is unknown, on the source only. */
  async resolve(id: string, request: ResolveMigrationRequest): Promise<MigrationStatus> {
    const record = this.context.store.get(id);
    if (!record) throw notFound(`migration ${id}`);
    if (record.role === "target") {
      throw conflict(
        "ONLY_SOURCE_CAN_RESOLVE",
        `resolve migration ${id} on its source ${record.source.name} (${record.source.url})`,
      );
    }
    if (record.phase !== "needs-attention") {
      throw conflict("NOTHING_TO_RESOLVE", `migration ${id} is ${record.phase}, not needs-attention`);
    }
    await resolveByAdmin(this.context, record, request.keep);
    return toStatus(record);
  }

  hello(): HelloResponse {
    const { driver } = this.context;
    const domains = driver.domains();
    return { host: driver.host(), domainNames: domains.map((d) => d.name), macsInUse: macsOf(domains) };
  }

  prepare(request: PrepareRequest): Promise<TransferEndpoint> {
    if (!this.accepting)
      throw new ApiError(503, "SHUTTING_DOWN", `agent ${this.context.config.name} is shutting down`);
    return prepareTarget(this.context, request);
  }

  finish(id: string): Promise<string> {
    return finishTarget(this.context, id);
  }

  abort(id: string, request: AbortRequest): Promise<void> {
    return abortTarget(this.context, id, request);
  }

  private async settle(): Promise<void> {
    if (this.settling) return;
    this.settling = true;
    try {
      await settleWithPeers(this.context);
    } catch (error) {
      this.context.log.warn({ err: error }, "settling with peers failed");
    } finally {
      this.settling = false;
    }
  }
}
