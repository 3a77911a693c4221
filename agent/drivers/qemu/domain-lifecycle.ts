import { createHash } from "node:crypto";
import { type DomainLifecycle, DomainStateError, ResourceError } from "../driver";
import { configuredDisks, configuredNetworks } from "../host-config-parts";
import { type QemuDomainConfig, qemuDomainConfigSchema } from "./qemu-config";
import type { QemuDomain } from "./qemu-domain";
import type { QemuHost } from "./qemu-host";

/** Defining, starting, stopping and undefining QEMU domains: the admin's own operations. */
export class QemuLifecycle implements DomainLifecycle {
  readonly definitionSchema = qemuDomainConfigSchema;

  constructor(private readonly host: QemuHost) {}

  async define(definition: unknown): Promise<void> {
    const config = qemuDomainConfigSchema.parse(definition);
    if (this.host.definitions.has(config.name))
      throw new DomainStateError(`a domain named ${config.name} exists on ${this.host.options.hostName}`);
    await this.host.save(fromConfig(this.host.options.hostName, config));
    if (config.state === "active") await this.start(config.name);
  }

  async start(name: string): Promise<void> {
    const domain = this.host.require(name);
    if (domain.incoming !== null)
      throw new DomainStateError(
        `${name} is a copy under construction by migration ${domain.incoming.migrationId}`,
      );
    if (this.host.guest(name)) return; // runs already (or paused: `cont` is not a start)
    await this.host.reserveFor(domain, async () => {
      domain.bootedAt = Date.now();
      domain.pausedByMigration = false;
      await this.host.save(domain);
      try {
        await this.host.launch(domain);
      } catch (error) {
        domain.consolePort = null;
        domain.bootedAt = null;
        await this.host.save(domain);
        throw error;
      }
    });
    this.host.log.info({ domain: name }, `domain ${name} started`);
  }

  async stop(name: string): Promise<void> {
    const domain = this.host.require(name);
    if (domain.incoming !== null)
      throw new DomainStateError(
        `${name} is a copy under construction by migration ${domain.incoming.migrationId}`,
      );
    await this.host.stopGuest(name, "stopped by an admin");
    domain.consolePort = null;
    domain.bootedAt = null;
    domain.pausedByMigration = false;
    await this.host.save(domain);
    this.host.log.info({ domain: name }, `domain ${name} stopped`);
  }

  async undefine(name: string): Promise<void> {
    const domain = this.host.require(name);
    if (domain.incoming !== null || this.host.guest(name))
      throw new DomainStateError(`${name} must be stopped before it is undefined`);
    await this.host.remove(name, "undefined");
  }
}

/** Creates the domains of the config file, once (when the agent's state folder is empty). */
export async function seedDomains(host: QemuHost, lifecycle: QemuLifecycle, configs: QemuDomainConfig[]) {
  for (const config of configs) await host.save(fromConfig(host.options.hostName, config));
  await host.store.markSeeded();
  for (const config of configs) {
    if (config.state !== "active") continue;
    await lifecycle.start(config.name).catch((error: Error) => {
      // One guest that does not fit or does not boot should not keep the agent (and the rest) down.
      const level = error instanceof ResourceError ? "warn" : "error";
      host.log[level]({ domain: config.name, err: error }, `domain ${config.name} did not start`);
    });
  }
}

function fromConfig(hostName: string, config: QemuDomainConfig): QemuDomain {
  return {
    name: config.name,
    vcpus: config.vcpus,
    memoryMiB: config.memoryMiB,
    cpuArch: config.cpuArch,
    networks: configuredNetworks(config.networks, (i) => generatedMac(hostName, config.name, i)),
    disks: configuredDisks(config.disks),
    workload: { dirtyRateMiBps: config.workload.dirtyRateMiBps, wwsMiB: config.workload.wwsMiB },
    consolePort: null,
    bootedAt: null,
    pausedByMigration: false,
    incoming: null,
  };
}

/** A stable, locally administered MAC (QEMU's own prefix, 52:54:00) from the host and domain names. */
function generatedMac(hostName: string, domainName: string, index: number): string {
  const digest = createHash("sha256").update(`${hostName}/${domainName}/${index}`).digest();
  const bytes = [0x52, 0x54, 0x00, digest[0] ?? 0, digest[1] ?? 0, digest[2] ?? 0];
  return bytes.map((byte) => byte.toString(16).padStart(2, "0")).join(":");
}
