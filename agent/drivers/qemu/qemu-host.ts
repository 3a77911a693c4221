import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Host } from "../../../lib/schemas/host";
import { NamedJsonStore } from "../../storage/named-json-store";
import { SerialQueue } from "../../storage/serial-queue";
import { type DriverDomain, ResourceError } from "../driver";
import { holdsResources } from "./domain-state";
import { ensureGuestImage, type GuestImage, guestWorkloadArgs } from "./guest-image";
import { GuestProcess } from "./guest-process";
import { type CpuFacts, readMemoryFacts, readProcessUsage } from "./machine-facts";
import type { QemuHostConfig } from "./qemu-config";
import type { QemuDomain } from "./qemu-domain";
import { launchQemu } from "./qemu-process";
import { freeConsolePorts, type Holder, memoryView, reserve } from "./qemu-resources";
import { domainView, hostView } from "./qemu-view";

/**
 * The QEMU host's domains (definitions on disk), their QEMU processes, and what they hold. The
 * driver's migration steps and the lifecycle operations both act through it.
 */

export interface QemuHostOptions {
  hostName: string;
  stateDir: string;
  config: QemuHostConfig;
  accel: "tcg" | "kvm";
  cpu: CpuFacts;
  hypervisorVersion: string;
  log: Logger;
}

export class QemuHost {
  readonly definitions = new Map<string, QemuDomain>();
  readonly guests = new Map<string, GuestProcess>();
  readonly store: NamedJsonStore<QemuDomain>;
  private imagePromise: Promise<GuestImage> | undefined;
  private readonly reservations = new SerialQueue();

  constructor(readonly options: QemuHostOptions) {
    this.store = new NamedJsonStore(join(options.stateDir, "qemu"));
  }

  get log(): Logger {
    return this.options.log;
  }

  /** Where the domains' QEMUs keep their sockets, pidfiles and logs, a folder each. */
  get runRoot(): string {
    return join(this.options.stateDir, "qemu", "run");
  }

  /** Short, since unix socket paths are limited (qemu-run-dir.ts checks). */
  runDir(name: string): string {
    return join(this.runRoot, name);
  }

  require(name: string): QemuDomain {
    const domain = this.definitions.get(name);
    if (!domain) throw new ResourceError(`no domain named ${name}`);
    return domain;
  }

  /** The domain's QEMU, if it has one that has not ended. */
  guest(name: string): GuestProcess | undefined {
    const guest = this.guests.get(name);
    return guest && !guest.exited ? guest : undefined;
  }

  async save(domain: QemuDomain): Promise<void> {
    this.definitions.set(domain.name, domain);
    await this.store.save(domain);
  }

  view(name: string): DriverDomain | undefined {
    const domain = this.definitions.get(name);
    return domain && domainView(domain, this.guest(name));
  }

  views(): DriverDomain[] {
    const now = Date.now();
    return [...this.definitions.values()].map((domain) => domainView(domain, this.guest(domain.name), now));
  }

  host(): Host {
    const { config, cpu } = this.options;
    const holders = this.holders();
    const machine = readMemoryFacts();
    const strandsTotal = config.cpu.strands ?? cpu.logicalCpus;
    const strandsHeld = holders.reduce((sum, holder) => sum + holder.domain.vcpus, 0);
    return hostView({
      name: this.options.hostName,
      config,
      cpu,
      hypervisorVersion: this.options.hypervisorVersion,
      strandsTotal,
      strandsFree: Math.max(0, strandsTotal - strandsHeld),
      memory: memoryView({
        machineTotalMiB: machine.totalMiB,
        machineAvailableMiB: machine.availableMiB,
        reservedMiB: config.memory.reservedMiB,
        limitMiB: config.memory.limitMiB,
        holders,
      }),
      consolePorts: freeConsolePorts(
        config.console,
        holders.map((holder) => holder.domain),
      ),
      domains: this.views(),
    });
  }

  /**
   * Checks the host can take `domain` now, gives it a console port, then runs `claim`, which must
   * make the domain a holder (save it as an incoming copy, start its QEMU). One at a time, so two
   * claims never count the same free memory.
   */
  reserveFor<T>(domain: QemuDomain, claim: () => Promise<T>): Promise<T> {
    return this.reservations.run("host", async () => {
      const host = this.host();
      domain.consolePort = reserve({
        domain,
        strandsFree: host.cpu.strandsFree,
        freeMiB: host.memory.freeMiB,
        consolePorts: host.console?.freePorts ?? [],
        console: this.options.config.console,
      });
      return claim();
    });
  }

  /**
   * Starts the domain's QEMU. An incoming copy starts with its CPUs stopped (`-S`) and without a
   * listener (`-incoming defer`): the driver then has it listen (listenForMigration), and it stays
   * paused once the stream is in until the source says run (finishIncoming's `cont`).
   */
  async launch(domain: QemuDomain, options: { incoming?: boolean } = {}): Promise<GuestProcess> {
    const { config, accel } = this.options;
    const incoming = options.incoming === true;
    const handle = await launchQemu({
      name: domain.name,
      runDir: this.runDir(domain.name),
      memoryMiB: domain.memoryMiB,
      vcpus: domain.vcpus,
      image: await this.image(),
      append: guestWorkloadArgs({
        dirtyMiBps: domain.workload.dirtyRateMiBps,
        wssMiB: Math.max(1, domain.workload.wwsMiB),
      }),
      incoming: incoming ? "defer" : undefined,
      paused: incoming,
      accel,
      qemuBinary: config.qemuBinary,
    });
    try {
      return this.adopt(domain.name, await GuestProcess.follow(handle));
    } catch (error) {
      await handle.stop();
      throw error;
    }
  }

  /** Takes a QEMU into the host's care: followed, and its domain released should it end on its own. */
  adopt(name: string, guest: GuestProcess): GuestProcess {
    this.guests.set(name, guest);
    void guest.handle.exited.then(() => this.ended(name, guest));
    return guest;
  }

  /** Ends the domain's QEMU, if it has one. */
  async stopGuest(name: string, why: string): Promise<void> {
    const guest = this.guests.get(name);
    this.guests.delete(name);
    await guest?.stop(why);
  }

  /** Forgets a domain: its QEMU ended, its definition and run directory removed. */
  async remove(name: string, why: string): Promise<void> {
    await this.stopGuest(name, why);
    this.definitions.delete(name);
    await this.store.remove(name);
    await rm(this.runDir(name), { recursive: true, force: true });
  }

  /** Lets go of every QEMU without ending any: they outlive the agent. */
  async detachAll(): Promise<void> {
    for (const guest of this.guests.values()) guest.detach();
    this.guests.clear();
    await this.store.drain();
  }

  private async ended(name: string, guest: GuestProcess): Promise<void> {
    if (this.guests.get(name) !== guest) return; // ended by the driver, which has seen to the rest
    this.guests.delete(name);
    const domain = this.definitions.get(name);
    if (!domain) return;
    this.log.warn({ domain: name, pid: guest.pid }, `the QEMU of ${name} ended on its own`);
    // An incoming copy's end is the migration's failure, which the coordinator handles.
    if (domain.incoming !== null) return;
    domain.consolePort = null;
    domain.bootedAt = null;
    domain.pausedByMigration = false;
    await this.save(domain);
  }

  private holders(): Holder[] {
    const holders: Holder[] = [];
    for (const domain of this.definitions.values()) {
      const guest = this.guest(domain.name);
      if (!holdsResources(domain, guest?.runState ?? null)) continue;
      holders.push({ domain, residentMiB: guest ? (readProcessUsage(guest.pid)?.rssMiB ?? null) : null });
    }
    return holders;
  }

  private image(): Promise<GuestImage> {
    this.imagePromise ??= ensureGuestImage({
      cacheDir: this.options.config.imageCacheDir,
      log: (line) => this.log.info(`guest image: ${line}`),
    });
    this.imagePromise.catch(() => {
      this.imagePromise = undefined;
    });
    return this.imagePromise;
  }
}
