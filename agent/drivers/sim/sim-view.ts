import type { Host } from "../../../lib/schemas/host";
import { formatAddress } from "../../../lib/units";
import type { DriverDomain } from "../driver";
import type { SimHostConfig } from "./sim-config";
import { memoryMiB, type SimDomain } from "./sim-domain";
import type { SimResources } from "./sim-resources";

/** How the simulated hypervisor's state reads from outside: the API's host and domain shapes. */

export function domainView(domain: SimDomain, now = Date.now()): DriverDomain {
  const running = domain.state === "active";
  return {
    name: domain.name,
    state: domain.state,
    vcpus: domain.vcpus,
    memoryMiB: memoryMiB(domain),
    memoryBlocks: domain.memoryBlocks.map((block) => ({
      realAddress: formatAddress(block.realAddress),
      physicalAddress: block.physicalAddress === null ? null : formatAddress(block.physicalAddress),
      sizeMiB: block.sizeMiB,
    })),
    cpuArch: domain.cpuArch,
    strands: domain.strands,
    networks: domain.networks,
    disks: domain.disks,
    directIO: domain.directIO,
    cryptoUnits: domain.cryptoUnits,
    delayedReconfig: domain.delayedReconfig,
    consolePort: domain.consolePort,
    workload: domain.workload,
    utilization: running ? utilization(domain, now) : 0,
    uptimeSeconds: running && domain.startedAt !== null ? Math.floor((now - domain.startedAt) / 1000) : null,
  };
}

/**
 * A guest's load drifts around its workload's level (a slow wave, different for each domain), so a
 * live view has something live to show; the average stays what the scenario says.
 */
function utilization(domain: SimDomain, now: number): number {
  const phase = [...domain.name].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  const wave = 1 + 0.15 * Math.sin(now / 60_000 + phase);
  const used = Math.min(domain.vcpus, domain.workload.cpuUsed * wave);
  return Math.round((used / domain.vcpus) * 1000) / 10;
}

export function hostView(
  name: string,
  config: SimHostConfig,
  resources: SimResources,
  domains: SimDomain[],
): Host {
  const owners = resources.strandOwners();
  const layout = resources.layout();
  const free = layout.filter((region) => region.use === "free");
  const consolePorts = resources.freeConsolePorts();
  const now = Date.now();
  const usedStrands = domains
    .filter((domain) => domain.state === "active")
    .reduce((sum, domain) => sum + (utilization(domain, now) / 100) * domain.vcpus, 0);
  return {
    name,
    driver: "sim",
    hypervisor: config.hypervisor,
    subnet: config.subnet,
    cpu: {
      model: config.cpu.model,
      mhz: config.cpu.mhz,
      strandsTotal: owners.length,
      strandsFree: owners.filter((owner) => owner === null).length,
      threadsPerCore: config.cpu.threadsPerCore,
      coresFree: resources.freeCores(owners).length,
      wholeCores: config.cpu.wholeCores,
      genericArch: config.cpu.genericArch,
      usedStrands: Math.round(usedStrands * 10) / 10,
    },
    memory: {
      totalMiB: config.memory.totalMiB,
      freeMiB: free.reduce((sum, region) => sum + region.sizeMiB, 0),
      freeBlocks: [...free].sort((a, b) => b.sizeMiB - a.sizeMiB),
      layout,
    },
    switches: config.switches,
    nics: config.nics,
    volumes: Object.entries(config.volumes).map(([volume, storage]) => ({ name: volume, storage })),
    storage: config.storage,
    console: config.console ? { ...config.console, freePorts: consolePorts } : null,
    delayedReconfig: config.delayedReconfig,
    domains: { total: domains.length, active: domains.filter((domain) => domain.state === "active").length },
  };
}
