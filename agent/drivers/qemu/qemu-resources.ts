import type { MemoryRegion } from "../../../lib/schemas/host";
import { formatAddress, MiB } from "../../../lib/units";
import { ResourceError } from "../driver";
import type { QemuHostConfig } from "./qemu-config";
import type { QemuDomain } from "./qemu-domain";

/**
 * What a QEMU host has to give its guests, and who holds it. A guest's memory is its QEMU's virtual
 * memory, touched lazily, so free memory is the lower of two figures: what the config offers less
 * what defined guests may use, and what the machine has available (MemAvailable) less what running
 * guests have not touched yet. Strands and console ports are counted against the config.
 */

export interface Holder {
  domain: QemuDomain;
  /** MiB its QEMU process has resident now; null when it has no process (nothing touched). */
  residentMiB: number | null;
}

export interface MemoryInput {
  machineTotalMiB: number;
  machineAvailableMiB: number;
  reservedMiB: number;
  limitMiB?: number;
  holders: Holder[];
}

export interface MemoryView {
  totalMiB: number;
  freeMiB: number;
  layout: MemoryRegion[];
}

export function memoryView(input: MemoryInput): MemoryView {
  const offered = Math.max(
    0,
    Math.min(input.limitMiB ?? input.machineTotalMiB, input.machineTotalMiB) - input.reservedMiB,
  );
  const held = input.holders.reduce((sum, holder) => sum + holder.domain.memoryMiB, 0);
  const untouched = input.holders.reduce(
    (sum, holder) => sum + Math.max(0, holder.domain.memoryMiB - (holder.residentMiB ?? 0)),
    0,
  );
  const byMachine = input.machineAvailableMiB - input.reservedMiB - untouched;
  const freeMiB = Math.max(0, Math.floor(Math.min(offered - held, byMachine)));

  // No physical addresses here: regions are laid end to end so the map shows who holds how much.
  const layout: MemoryRegion[] = [];
  let offset = 0;
  const region = (sizeMiB: number, use: MemoryRegion["use"], domain?: string) => {
    if (sizeMiB <= 0) return;
    layout.push({ address: formatAddress(offset * MiB), sizeMiB, use, ...(domain ? { domain } : {}) });
    offset += sizeMiB;
  };
  for (const holder of input.holders) region(holder.domain.memoryMiB, "domain", holder.domain.name);
  // What the machine's other work takes out of the offer (other agents' guests, other processes).
  region(Math.max(0, offered - held - freeMiB), "reserved");
  region(freeMiB, "free");
  return { totalMiB: offered, freeMiB, layout };
}

export function freeConsolePorts(config: QemuHostConfig["console"], holders: QemuDomain[]): number[] {
  if (!config) return [];
  const taken = new Set(holders.map((domain) => domain.consolePort));
  const ports: number[] = [];
  for (let port = config.firstPort; port <= config.lastPort; port++) if (!taken.has(port)) ports.push(port);
  return ports;
}

/** Checks the host can take `domain` now, and picks its console port; throws naming what is short. */
export function reserve(args: {
  domain: QemuDomain;
  strandsFree: number;
  freeMiB: number;
  consolePorts: number[];
  console: QemuHostConfig["console"];
}): number | null {
  const { domain } = args;
  if (args.strandsFree < domain.vcpus)
    throw new ResourceError(`${args.strandsFree} free strands, ${domain.vcpus} needed for ${domain.name}`);
  if (args.freeMiB < domain.memoryMiB)
    throw new ResourceError(
      `${args.freeMiB} MiB free memory, ${domain.memoryMiB} MiB needed for ${domain.name}`,
    );
  if (!args.console) return null;
  const port = args.consolePorts[0];
  if (port === undefined)
    throw new ResourceError(`no free port on console concentrator ${args.console.name} for ${domain.name}`);
  return port;
}
