import { type FreeRange, fitBlocks } from "../../../lib/memory/fit-blocks";
import type { MemoryRegion } from "../../../lib/schemas/host";
import { formatAddress, formatSizeMiB, MiB, parseAddress } from "../../../lib/units";
import { ResourceError } from "../driver";
import type { SimHostConfig } from "./sim-config";
import { holdsResources, type SimDomain } from "./sim-domain";

/**
 * The host's strands, physical memory and console ports, and who holds them. Computed from the
 * domains each time (they are the truth), and used to bind a domain: strands (whole cores where
 * the host requires them), a physical range for each memory block, a console port.
 */
export class SimResources {
  constructor(
    private readonly config: SimHostConfig,
    private readonly domains: () => Iterable<SimDomain>,
  ) {}

  get strandsTotal(): number {
    return this.config.cpu.cores * this.config.cpu.threadsPerCore;
  }

  strandOwners(): (string | null)[] {
    const owners = new Array<string | null>(this.strandsTotal).fill(null);
    for (const domain of this.holders()) for (const strand of domain.strands) owners[strand] = domain.name;
    return owners;
  }

  freeCores(owners = this.strandOwners()): number[] {
    const perCore = this.config.cpu.threadsPerCore;
    const cores: number[] = [];
    for (let core = 0; core < this.config.cpu.cores; core++) {
      if (owners.slice(core * perCore, (core + 1) * perCore).every((owner) => owner === null))
        cores.push(core);
    }
    return cores;
  }

  /** Physical layout in address order: reserved, domain and free regions. */
  layout(): MemoryRegion[] {
    const base = parseAddress(this.config.memory.baseAddress);
    const used: { start: number; size: number; use: "domain" | "reserved"; domain?: string }[] = [];
    for (const region of this.config.memory.reserved) {
      used.push({ start: base + region.offsetMiB * MiB, size: region.sizeMiB * MiB, use: "reserved" });
    }
    for (const domain of this.holders()) {
      for (const block of domain.memoryBlocks) {
        if (block.physicalAddress !== null) {
          used.push({
            start: block.physicalAddress,
            size: block.sizeMiB * MiB,
            use: "domain",
            domain: domain.name,
          });
        }
      }
    }
    used.sort((a, b) => a.start - b.start);
    const regions: MemoryRegion[] = [];
    let cursor = base;
    const end = base + this.config.memory.totalMiB * MiB;
    const free = (from: number, to: number) => {
      if (to > from) regions.push({ address: formatAddress(from), sizeMiB: (to - from) / MiB, use: "free" });
    };
    for (const region of used) {
      free(cursor, Math.min(region.start, end));
      regions.push({
        address: formatAddress(region.start),
        sizeMiB: region.size / MiB,
        use: region.use,
        domain: region.domain,
      });
      cursor = Math.max(cursor, region.start + region.size);
    }
    free(cursor, end);
    return regions;
  }

  freeRanges(): FreeRange[] {
    return this.layout()
      .filter((region) => region.use === "free")
      .map((region) => ({ start: parseAddress(region.address), size: region.sizeMiB * MiB }));
  }

  freeConsolePorts(): number[] {
    const console = this.config.console;
    if (!console) return [];
    const taken = new Set([...this.holders()].map((domain) => domain.consolePort));
    const ports: number[] = [];
    for (let port = console.firstPort; port <= console.lastPort; port++)
      if (!taken.has(port)) ports.push(port);
    return ports;
  }

  /** Gives `domain` its strands, memory and console port, or throws naming what is short. */
  bind(domain: SimDomain): void {
    const strands = this.pickStrands(domain);
    const fit = fitBlocks(
      domain.memoryBlocks.map((block) => block.sizeMiB * MiB),
      this.freeRanges(),
    );
    if (!fit.ok) {
      const block = domain.memoryBlocks[fit.failedBlock];
      throw new ResourceError(
        `Unable to bind ${formatSizeMiB(block?.sizeMiB ?? 0)} memory region at real address ${formatAddress(block?.realAddress ?? 0)}`,
      );
    }
    const port = this.config.console ? this.freeConsolePorts()[0] : null;
    if (port === undefined)
      throw new ResourceError(`no free port on console concentrator ${this.config.console?.name}`);
    domain.strands = strands;
    domain.memoryBlocks.forEach((block, i) => {
      block.physicalAddress = fit.starts[i] ?? null;
    });
    domain.consolePort = port;
  }

  unbind(domain: SimDomain): void {
    domain.strands = [];
    for (const block of domain.memoryBlocks) block.physicalAddress = null;
    domain.consolePort = null;
  }

  private pickStrands(domain: SimDomain): number[] {
    const owners = this.strandOwners();
    const perCore = this.config.cpu.threadsPerCore;
    if (this.config.cpu.wholeCores) {
      // Whole cores: the domain holds every strand of them, as LDoms allocates for a migrated domain.
      const cores = this.freeCores(owners).slice(0, Math.ceil(domain.vcpus / perCore));
      if (cores.length * perCore < domain.vcpus) {
        throw new ResourceError(`not enough free whole cores for ${domain.vcpus} strands`);
      }
      return cores.flatMap((core) => Array.from({ length: perCore }, (_, i) => core * perCore + i));
    }
    const free = owners.flatMap((owner, strand) => (owner === null ? [strand] : []));
    if (free.length < domain.vcpus)
      throw new ResourceError(`${free.length} free strands, ${domain.vcpus} needed`);
    return free.slice(0, domain.vcpus);
  }

  private *holders(): Generator<SimDomain> {
    for (const domain of this.domains()) if (holdsResources(domain)) yield domain;
  }
}
