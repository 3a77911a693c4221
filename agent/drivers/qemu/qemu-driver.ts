import type { Logger } from "pino";
import type { WorkloadModel } from "../../../lib/prediction/precopy-model";
import type { Host } from "../../../lib/schemas/host";
import type { MigrationKind } from "../../../lib/schemas/migration";
import type { DomainSpec, TransferEndpoint } from "../../../lib/schemas/peer";
import { MiB } from "../../../lib/units";
import { type StreamTls, streamTlsFor } from "../../auth/stream-tls";
import {
  type DriverDomain,
  type HypervisorDriver,
  type IncomingHooks,
  type IncomingMigration,
  type MigrationCosts,
  type OutgoingHooks,
  type OutgoingMigration,
  ResourceError,
  type TransferResult,
} from "../driver";
import { DirtyRateMeter } from "./dirty-rate";
import { QemuLifecycle, seedDomains } from "./domain-lifecycle";
import { measurePopulated, type PopulatedMemory } from "./guest-ram";
import { listenForMigration } from "./incoming-port";
import { IncomingTransfer } from "./incoming-transfer";
import type { CpuFacts } from "./machine-facts";
import { configureMigrationTls } from "./migration-tls";
import { endOutgoingStream, sendGuest } from "./outgoing-transfer";
import type { QemuHostConfig } from "./qemu-config";
import { incomingCopy } from "./qemu-domain";
import { QemuHost } from "./qemu-host";
import { GUEST_REAL_ADDRESS } from "./qemu-view";
import { reattach } from "./reattach";
import { RecentMeasurements } from "./recent-measurements";

export interface QemuDriverOptions {
  hostName: string;
  stateDir: string;
  config: QemuHostConfig;
  /** What QEMU runs guests with here: `kvm` only where configured and /dev/kvm exists. */
  accel: "tcg" | "kvm";
  cpu: CpuFacts;
  qemuVersion: string;
  /** Address QEMU's `-incoming` and the control link listen on, and the source is told. */
  transferHost: string;
  /** Certificates for the migration streams (the agent's `tls`): QEMU's and the control link both. */
  streamTls?: StreamTls;
  log: Logger;
}

/**
 * The QEMU driver: each domain a qemu-system-x86_64 process controlled over QMP. Mechanics only;
 * when to run, pause, resume or end a guest is the coordinator's call (its safety rules).
 */
/**
 * Measured with bench:qemu under TCG on 2 cores (load 2-6): QEMU sends the last pages unthrottled
 * (7-21 MiB in 8-23 ms on loopback); it pauses a guest with next to nothing left to send for about
 * 12 ms (9-44 ms in all); the pre-check, the target's QEMU starting and the hand-over take 0.3-0.7 s.
 */
const QEMU_MIGRATION_COSTS: MigrationCosts = { unthrottledStopAndCopy: true, switchoverMs: 12, setupMs: 400 };

export class QemuDriver implements HypervisorDriver {
  readonly kind = "qemu";
  readonly migrationCosts = QEMU_MIGRATION_COSTS;
  readonly lifecycle: QemuLifecycle;
  private readonly qemu: QemuHost;
  private readonly incoming = new Map<string, IncomingTransfer>();
  private readonly outgoing = new Set<string>();
  private readonly meter = new DirtyRateMeter();
  /** What each guest has populated (not zero), for the predictions. */
  private readonly populated = new RecentMeasurements<PopulatedMemory | null>();

  constructor(private readonly options: QemuDriverOptions) {
    this.qemu = new QemuHost({
      hostName: options.hostName,
      stateDir: options.stateDir,
      config: options.config,
      accel: options.accel,
      cpu: options.cpu,
      hypervisorVersion: `${options.qemuVersion} ${options.accel}`,
      log: options.log,
    });
    this.lifecycle = new QemuLifecycle(this.qemu);
  }

  async start(): Promise<void> {
    if (!this.qemu.store.seeded) {
      await seedDomains(this.qemu, this.lifecycle, this.options.config.domains);
      return;
    }
    await reattach(this.qemu);
  }

  async stop(): Promise<void> {
    for (const transfer of this.incoming.values()) transfer.close();
    this.incoming.clear();
    await this.qemu.detachAll();
  }

  host(): Host {
    return this.qemu.host();
  }

  domains(): DriverDomain[] {
    return this.qemu.views();
  }

  domain(name: string): DriverDomain | undefined {
    return this.qemu.view(name);
  }

  spec(name: string): DomainSpec {
    const view = this.qemu.view(name);
    if (!view) throw new ResourceError(`no domain named ${name}`);
    return {
      vcpus: view.vcpus,
      memoryBlocks: [{ realAddress: GUEST_REAL_ADDRESS, sizeMiB: view.memoryMiB }],
      cpuArch: view.cpuArch,
      networks: view.networks,
      disks: view.disks,
      directIO: [],
      cryptoUnits: 0,
      delayedReconfig: false,
      workload: view.workload,
      state: view.state,
      uptimeSeconds: view.uptimeSeconds,
    };
  }

  /**
   * The dirty rate measured by QEMU now (a one-second sample), the memory the guest populated (what
   * QEMU's first round sends), and the writing set from the definition.
   */
  async workload(name: string): Promise<WorkloadModel> {
    const domain = this.qemu.require(name);
    const guest = this.qemu.guest(name);
    const wwsBytes = (domain.workload.wwsMiB > 0 ? domain.workload.wwsMiB : domain.memoryMiB) * MiB;
    if (!guest?.running) return { dirtyRateBytesPerSec: 0, wwsBytes, pattern: "sweep" };
    // While QEMU migrates the guest, the last measurement stands (or the rate it was told to write).
    const measured = this.outgoing.has(name)
      ? this.meter.last(name)
      : this.meter.measure(name, guest).catch((error: Error) => {
          this.options.log.warn(
            { domain: name, err: error },
            "dirty rate not measured; using the configured one",
          );
          return undefined;
        });
    const [rate, populated] = await Promise.all([
      Promise.resolve(measured).then((bytesPerSec) => bytesPerSec ?? domain.workload.dirtyRateMiBps * MiB),
      this.populated.get(name, () => measurePopulated(guest.pid, domain.memoryMiB * MiB)),
    ]);
    return {
      dirtyRateBytesPerSec: rate,
      wwsBytes,
      pattern: "sweep",
      ...(populated === null ? {} : { populatedBytes: populated.bytes }),
    };
  }

  async prepareIncoming(migration: IncomingMigration, hooks: IncomingHooks): Promise<TransferEndpoint> {
    const { name } = migration;
    if (this.qemu.definitions.has(name)) throw new ResourceError(`a domain named ${name} exists`);
    const domain = incomingCopy(migration);
    if (migration.kind === "cold") {
      // The definition moves; nothing runs and nothing is held.
      await this.qemu.save(domain);
      return { transport: "none" };
    }
    const host = this.options.transferHost;
    const guest = await this.qemu.reserveFor(domain, async () => {
      await this.qemu.save(domain); // written before QEMU starts: a restarted agent finds what it left
      return this.qemu.launch(domain, { incoming: true });
    });
    const transfer = new IncomingTransfer(migration.migrationId, guest, hooks);
    this.incoming.set(name, transfer);
    const tls = this.options.streamTls;
    // Before QEMU listens: with TLS it accepts only a source QEMU whose certificate our CA signed.
    await configureMigrationTls(guest.handle.qmp, this.qemu.runDir(name), tls && { role: "server", tls });
    const port = await listenForMigration(guest.handle.qmp, host);
    const controlPort = await transfer.listen(host, tls);
    return {
      transport: "qemu-tcp",
      host,
      port,
      controlPort,
      secret: transfer.secret,
      tls: tls !== undefined,
    };
  }

  async finishIncoming(name: string, kind: MigrationKind): Promise<void> {
    const domain = this.qemu.require(name);
    const arriving = domain.incoming;
    if (arriving === null) return; // finished already (a recovery repeating it)
    this.incoming.get(name)?.close();
    this.incoming.delete(name);
    if (kind !== "cold") {
      const guest = this.qemu.guest(name);
      if (!guest) throw new Error(`the incoming QEMU of ${name} is gone: the guest cannot run here`);
      const state = await guest.refresh();
      if (state === "inmigrate") throw new Error(`not all of ${name}'s state has arrived`);
      if (arriving.arrivesAs === "active") await guest.handle.qmp.execute("cont");
      await guest.refresh();
    }
    domain.incoming = null;
    await this.qemu.save(domain);
  }

  async destroyIncoming(name: string): Promise<void> {
    this.incoming.get(name)?.close();
    this.incoming.delete(name);
    const domain = this.qemu.definitions.get(name);
    // Only a copy still under construction may be destroyed this way, never a domain in its own right.
    if (!domain || domain.incoming === null) return;
    await this.qemu.remove(name, `migration ${domain.incoming.migrationId} abandoned`);
  }

  async migrateOut(migration: OutgoingMigration, hooks: OutgoingHooks): Promise<TransferResult> {
    const { endpoint, name } = migration;
    const domain = this.qemu.require(name);
    if (migration.kind === "cold" || endpoint.transport === "none") {
      return { rounds: 0, transferredBytes: 0, stopAndCopyMs: 0, converged: true, stopReason: "cold" };
    }
    if (endpoint.transport !== "qemu-tcp")
      throw new Error(`QEMU cannot send a guest to a ${endpoint.transport} endpoint`);
    const tls = streamTlsFor(endpoint.tls, this.options.streamTls);
    const guest = this.qemu.guest(name);
    if (!guest) throw new Error(`${name} has no QEMU running here`);
    this.outgoing.add(name);
    try {
      const result = await sendGuest({
        migrationId: migration.migrationId,
        guest,
        runDir: this.qemu.runDir(name),
        tls,
        endpoint,
        params: migration.params,
        warm: migration.kind === "warm",
        hooks,
        pauseGuest: async () => {
          // A guest an admin had paused stays paused if the migration fails.
          if (!guest.running) return;
          domain.pausedByMigration = true;
          await this.qemu.save(domain);
          await guest.handle.qmp.execute("stop");
        },
      });
      this.options.log.info(
        { domain: name, migration: migration.migrationId, ...result },
        `QEMU sent ${name} in ${result.rounds} rounds; QEMU measured ${result.hypervisorDowntimeMs} ms of downtime`,
      );
      return result;
    } finally {
      this.outgoing.delete(name);
      this.meter.forget(name);
      this.populated.forget(name);
    }
  }

  /**
   * Runs the guest again after a failed or cancelled migration: a stream still going out (an agent
   * restarted mid-transfer leaves QEMU migrating) is cancelled first; QEMU itself resumes a guest
   * it paused for a failed stop-and-copy, and `cont` resumes one migrated away (postmigrate) or
   * paused for a warm migration.
   */
  async resumeSource(name: string, wasRunning: boolean): Promise<void> {
    const domain = this.qemu.definitions.get(name);
    const guest = this.qemu.guest(name);
    if (!domain || !guest) {
      this.options.log.error({ domain: name }, `cannot resume ${name}: its QEMU is gone`);
      return;
    }
    const qmp = guest.handle.qmp;
    await endOutgoingStream(qmp, name);
    const state = await guest.refresh();
    if ((wasRunning || domain.pausedByMigration) && (state === "paused" || state === "postmigrate")) {
      await qmp.execute("cont");
      await guest.refresh();
    }
    if (domain.pausedByMigration) {
      domain.pausedByMigration = false;
      await this.qemu.save(domain);
    }
  }

  async removeSource(name: string): Promise<void> {
    if (!this.qemu.definitions.has(name)) return;
    await this.qemu.remove(name, "migrated to another host");
  }
}
