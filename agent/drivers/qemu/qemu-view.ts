import type { Host } from "../../../lib/schemas/host";
import type { DriverDomain } from "../driver";
import { domainState } from "./domain-state";
import type { GuestProcess } from "./guest-process";
import type { CpuFacts } from "./machine-facts";
import type { QemuHostConfig } from "./qemu-config";
import { type QemuDomain, workloadView } from "./qemu-domain";
import type { MemoryView } from "./qemu-resources";

/** How the QEMU driver's domains and host read from outside: the API's shapes. */

/** Guest memory starts at guest-physical address 0 on a PC, in one piece as far as migration goes. */
export const GUEST_REAL_ADDRESS = "0x0";

export function domainView(
  domain: QemuDomain,
  guest: GuestProcess | undefined,
  now = Date.now(),
): DriverDomain {
  const state = domainState(domain, guest?.runState ?? null);
  const running = state === "active";
  const cpuUsed = running && guest ? Math.round(guest.cpuUsed * 100) / 100 : 0;
  return {
    name: domain.name,
    state,
    vcpus: domain.vcpus,
    memoryMiB: domain.memoryMiB,
    memoryBlocks: [{ realAddress: GUEST_REAL_ADDRESS, physicalAddress: null, sizeMiB: domain.memoryMiB }],
    cpuArch: domain.cpuArch,
    strands: [],
    networks: domain.networks,
    disks: domain.disks,
    directIO: [],
    cryptoUnits: 0,
    delayedReconfig: false,
    consolePort: domain.consolePort,
    workload: workloadView(domain, cpuUsed),
    utilization: running ? Math.min(100, Math.round((cpuUsed / domain.vcpus) * 1000) / 10) : 0,
    uptimeSeconds: running && domain.bootedAt !== null ? Math.floor((now - domain.bootedAt) / 1000) : null,
  };
}

export interface HostViewInput {
  name: string;
  config: QemuHostConfig;
  cpu: CpuFacts;
  hypervisorVersion: string;
  strandsTotal: number;
  strandsFree: number;
  memory: MemoryView;
  consolePorts: number[];
  domains: DriverDomain[];
}

export function hostView(input: HostViewInput): Host {
  const { config, cpu } = input;
  const used = input.domains.reduce((sum, domain) => sum + (domain.utilization / 100) * domain.vcpus, 0);
  return {
    name: input.name,
    driver: "qemu",
    hypervisor: { kind: "qemu", version: input.hypervisorVersion },
    subnet: config.subnet,
    cpu: {
      model: config.cpu.model ?? cpu.model,
      mhz: config.cpu.mhz ?? cpu.mhz,
      strandsTotal: input.strandsTotal,
      strandsFree: input.strandsFree,
      threadsPerCore: cpu.threadsPerCore,
      coresFree: Math.floor(input.strandsFree / cpu.threadsPerCore),
      wholeCores: false,
      genericArch: config.cpu.genericArch,
      usedStrands: Math.round(used * 10) / 10,
    },
    memory: {
      totalMiB: input.memory.totalMiB,
      freeMiB: input.memory.freeMiB,
      freeBlocks: input.memory.layout.filter((region) => region.use === "free"),
      layout: input.memory.layout,
    },
    switches: config.switches,
    nics: config.nics,
    volumes: Object.entries(config.volumes).map(([volume, storage]) => ({ name: volume, storage })),
    storage: config.storage,
    console: config.console ? { ...config.console, freePorts: input.consolePorts } : null,
    delayedReconfig: false,
    domains: {
      total: input.domains.length,
      active: input.domains.filter((domain) => domain.state === "active").length,
    },
  };
}
