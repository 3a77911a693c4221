import { createHash } from "node:crypto";
import { PAGE_SIZE, type WorkloadModel } from "../../../lib/prediction/precopy-model";
import type { MigrationKind } from "../../../lib/schemas/migration";
import type { DomainSpec, TransferEndpoint } from "../../../lib/schemas/peer";
import { MiB, parseAddress } from "../../../lib/units";
import { type StreamTls, streamTlsFor } from "../../auth/stream-tls";
import {
  type DriverDomain,
  type HypervisorDriver,
  type IncomingHooks,
  type IncomingMigration,
  type OutgoingHooks,
  type OutgoingMigration,
  ResourceError,
  type TransferResult,
} from "../driver";
import { configuredDisks, configuredNetworks } from "../host-config-parts";
import { RealClock } from "./clock";
import { IncomingTransfer } from "./incoming";
import { sendState } from "./outgoing";
import type { SimDomainConfig, SimHostConfig } from "./sim-config";
import { memoryMiB, type SimDomain } from "./sim-domain";
import { SimResources } from "./sim-resources";
import { SimStore } from "./sim-store";
import { domainView, hostView } from "./sim-view";

export interface SimDriverOptions {
  hostName: string;
  stateDir: string;
  host: SimHostConfig;
  /** Simulated seconds per real second. */
  timeScale: number;
  /** Bytes put on the wire per byte of guest memory. */
  wireScale: number;
  /** Address the per-migration transfer listeners bind to and tell the source. */
  transferHost: string;
  /** Certificates for the state streams (the agent's `tls`): TLS both ways when present. */
  streamTls?: StreamTls;
}

/** Real time each pre-copy chunk stands for: short enough to follow the guest's writes closely. */
const CHUNK_REAL_SECONDS = 0.02;

/** The simulated hypervisor: LDoms-like hosts and domains whose resources are really held and freed. */
export class SimDriver implements HypervisorDriver {
  readonly kind = "sim";
  private readonly guests = new Map<string, SimDomain>();
  private readonly incoming = new Map<string, IncomingTransfer>();
  private readonly store: SimStore;
  private readonly resources: SimResources;

  constructor(private readonly options: SimDriverOptions) {
    this.store = new SimStore(options.stateDir);
    this.resources = new SimResources(options.host, () => this.guests.values());
  }

  async start(): Promise<void> {
    if (!this.store.seeded) {
      await this.seed();
      return;
    }
    for (const domain of await this.store.load()) this.guests.set(domain.name, domain);
  }

  async stop(): Promise<void> {
    for (const transfer of this.incoming.values()) transfer.close();
    await this.store.drain();
  }

  host() {
    return hostView(this.options.hostName, this.options.host, this.resources, [...this.guests.values()]);
  }

  domains(): DriverDomain[] {
    const now = Date.now();
    return [...this.guests.values()].map((domain) => domainView(domain, now));
  }

  domain(name: string): DriverDomain | undefined {
    const domain = this.guests.get(name);
    return domain && domainView(domain);
  }

  spec(name: string): DomainSpec {
    const domain = this.require(name);
    return {
      vcpus: domain.vcpus,
      memoryBlocks: domain.memoryBlocks.map((block) => ({
        realAddress: `0x${block.realAddress.toString(16)}`,
        sizeMiB: block.sizeMiB,
      })),
      cpuArch: domain.cpuArch,
      networks: domain.networks,
      disks: domain.disks,
      directIO: domain.directIO,
      cryptoUnits: domain.cryptoUnits,
      delayedReconfig: domain.delayedReconfig,
      workload: domain.workload,
      state: domain.state,
      uptimeSeconds: domain.startedAt === null ? null : (Date.now() - domain.startedAt) / 1000,
    };
  }

  async workload(name: string): Promise<WorkloadModel> {
    return workloadModel(this.require(name));
  }

  async prepareIncoming(migration: IncomingMigration, hooks: IncomingHooks): Promise<TransferEndpoint> {
    if (this.guests.has(migration.name)) throw new ResourceError(`a domain named ${migration.name} exists`);
    const { spec } = migration;
    const domain: SimDomain = {
      name: migration.name,
      state: migration.kind === "cold" ? (spec.state === "inactive" ? "inactive" : "bound") : "bound",
      vcpus: spec.vcpus,
      memoryBlocks: spec.memoryBlocks.map((block) => ({
        realAddress: parseAddress(block.realAddress),
        physicalAddress: null,
        sizeMiB: block.sizeMiB,
      })),
      cpuArch: spec.cpuArch,
      strands: [],
      networks: spec.networks,
      disks: spec.disks,
      directIO: spec.directIO,
      cryptoUnits: spec.cryptoUnits,
      delayedReconfig: spec.delayedReconfig,
      consolePort: null,
      workload: spec.workload,
      startedAt: null,
      pausedByMigration: false,
      incoming: migration.migrationId,
      arrivesAs: {
        state: spec.state === "suspended" ? "suspended" : "active",
        startedAt: spec.uptimeSeconds === null ? null : Date.now() - spec.uptimeSeconds * 1000,
      },
    };
    if (domain.state !== "inactive") this.resources.bind(domain);
    this.guests.set(domain.name, domain);
    await this.store.save(domain);
    if (migration.kind === "cold") return { transport: "none" };

    const pages = Math.ceil((memoryMiB(domain) * MiB) / PAGE_SIZE);
    const transfer = new IncomingTransfer(migration.migrationId, pages, hooks);
    this.incoming.set(domain.name, transfer);
    const tls = this.options.streamTls;
    const port = await transfer.listen(this.options.transferHost, tls);
    const host = this.options.transferHost;
    return { transport: "sim-tcp", host, port, secret: transfer.secret, tls: tls !== undefined };
  }

  async finishIncoming(name: string, kind: MigrationKind): Promise<void> {
    const domain = this.require(name);
    this.incoming.get(name)?.close();
    this.incoming.delete(name);
    if (kind !== "cold" && domain.incoming !== null) {
      // The guest carries on where it was: same uptime, and still suspended if it was suspended.
      domain.state = domain.arrivesAs?.state ?? "active";
      domain.startedAt = domain.arrivesAs?.startedAt ?? Date.now();
    }
    domain.incoming = null;
    domain.arrivesAs = undefined;
    await this.store.save(domain);
  }

  async destroyIncoming(name: string): Promise<void> {
    this.incoming.get(name)?.close();
    this.incoming.delete(name);
    const domain = this.guests.get(name);
    // Only a copy still under construction may be destroyed this way, never a domain in its own right.
    if (!domain || domain.incoming === null) return;
    this.resources.unbind(domain);
    this.guests.delete(name);
    await this.store.remove(name);
  }

  async migrateOut(migration: OutgoingMigration, hooks: OutgoingHooks): Promise<TransferResult> {
    const domain = this.require(migration.name);
    const { endpoint, params } = migration;
    if (migration.kind === "cold" || endpoint.transport === "none") {
      return { rounds: 0, transferredBytes: 0, stopAndCopyMs: 0, converged: true, stopReason: "cold" };
    }
    if (endpoint.transport !== "sim-tcp")
      throw new Error(`the simulated hypervisor cannot send to a ${endpoint.transport} endpoint`);
    const clock = new RealClock(this.options.timeScale);
    return sendState({
      host: endpoint.host,
      port: endpoint.port,
      secret: endpoint.secret,
      tls: streamTlsFor(endpoint.tls, this.options.streamTls),
      migrationId: migration.migrationId,
      clock,
      wireScale: this.options.wireScale,
      signal: hooks.signal,
      engine: {
        mode: migration.kind === "warm" ? "warm" : "live",
        memoryBytes: memoryMiB(domain) * MiB,
        bandwidthBytesPerSec: params.bandwidthBytesPerSec,
        downtimeLimitMs: params.downtimeLimitMs,
        onNoConvergence: params.onNoConvergence,
        workload: workloadModel(domain),
        chunkSeconds: CHUNK_REAL_SECONDS * this.options.timeScale,
      },
      suspendGuest: async () => {
        // A guest an admin had already suspended stays suspended if the migration fails.
        if (domain.state !== "active") return;
        domain.state = "suspended";
        domain.pausedByMigration = true;
        await this.store.save(domain);
      },
      onSuspended: hooks.onSuspended,
      onProgress: hooks.onProgress,
    });
  }

  /** The guest's own `pausedByMigration` (on disk, so it survives a restart) says whether to resume it. */
  async resumeSource(name: string): Promise<void> {
    const domain = this.guests.get(name);
    if (!domain?.pausedByMigration) return;
    domain.state = "active";
    domain.pausedByMigration = false;
    await this.store.save(domain);
  }

  async removeSource(name: string): Promise<void> {
    const domain = this.guests.get(name);
    if (!domain) return;
    this.resources.unbind(domain);
    this.guests.delete(name);
    await this.store.remove(name);
  }

  private require(name: string): SimDomain {
    const domain = this.guests.get(name);
    if (!domain) throw new ResourceError(`no domain named ${name}`);
    return domain;
  }

  private async seed(): Promise<void> {
    for (const config of this.options.host.domains) {
      const domain = fromConfig(this.options.hostName, config);
      if (domain.state !== "inactive") this.resources.bind(domain);
      this.guests.set(domain.name, domain);
      await this.store.save(domain);
    }
    await this.store.markSeeded();
  }
}

function workloadModel(domain: SimDomain): WorkloadModel {
  const { workload } = domain;
  return {
    dirtyRateBytesPerSec: domain.state === "active" ? workload.dirtyRateMiBps * MiB : 0,
    wwsBytes: (workload.wwsMiB > 0 ? workload.wwsMiB : memoryMiB(domain)) * MiB,
    pattern: workload.pattern,
  };
}

const FIRST_REAL_ADDRESS = 0x8000000;

function fromConfig(hostName: string, config: SimDomainConfig): SimDomain {
  let realAddress = FIRST_REAL_ADDRESS;
  const memoryBlocks = (config.memoryBlocksMiB ?? [config.memoryMiB]).map((sizeMiB) => {
    const block = { realAddress, physicalAddress: null, sizeMiB };
    realAddress += sizeMiB * MiB;
    return block;
  });
  return {
    name: config.name,
    state: config.state,
    vcpus: config.vcpus,
    memoryBlocks,
    cpuArch: config.cpuArch,
    strands: [],
    networks: configuredNetworks(config.networks, (i) => generatedMac(hostName, config.name, i)),
    disks: configuredDisks(config.disks),
    directIO: config.directIO,
    cryptoUnits: config.cryptoUnits,
    delayedReconfig: config.delayedReconfig,
    consolePort: null,
    workload: config.workload,
    startedAt: config.state === "active" ? Date.now() : null,
    pausedByMigration: false,
    incoming: null,
  };
}

/** A stable MAC in the range LDoms allocates automatically (00:14:4f:f8-ff:..). */
function generatedMac(hostName: string, domainName: string, index: number): string {
  const digest = createHash("sha256").update(`${hostName}/${domainName}/${index}`).digest();
  const bytes = [0x00, 0x14, 0x4f, 0xf8 | ((digest[0] ?? 0) & 0x07), digest[1] ?? 0, digest[2] ?? 0];
  return bytes.map((byte) => byte.toString(16).padStart(2, "0")).join(":");
}
