import type { Domain } from "../schemas/domain";
import type { Host } from "../schemas/host";
import type { DomainFacts, HostFacts } from "./facts";

/** Pre-check facts from what agents report (`GET /v1/host`, `GET /v1/domains`). */

export function hostFacts(
  host: Host,
  others: { domainNames?: string[]; macsInUse?: string[] } = {},
): HostFacts {
  return {
    name: host.name,
    hypervisor: `${host.hypervisor.kind} ${host.hypervisor.version}`,
    subnet: host.subnet,
    cpu: {
      model: host.cpu.model,
      mhz: host.cpu.mhz,
      freeStrands: host.cpu.strandsFree,
      threadsPerCore: host.cpu.threadsPerCore,
      freeCores: host.cpu.coresFree,
      wholeCores: host.cpu.wholeCores,
      genericArch: host.cpu.genericArch,
    },
    memory: {
      freeMiB: host.memory.freeMiB,
      freeBlocksMiB: host.memory.freeBlocks.map((block) => block.sizeMiB),
    },
    switches: host.switches.map((vsw) => vsw.name),
    nics: host.nics,
    volumes: Object.fromEntries(host.volumes.map((volume) => [volume.name, volume.storage])),
    storage: host.storage,
    freeConsolePorts: host.console ? host.console.freePorts.length : 0,
    macsInUse: others.macsInUse,
    domainNames: others.domainNames,
    delayedReconfig: host.delayedReconfig,
  };
}

export function domainFacts(domain: Omit<Domain, "flags" | "migration">, busy: string | null): DomainFacts {
  return {
    name: domain.name,
    state: domain.state,
    vcpus: domain.vcpus,
    memoryMiB: domain.memoryMiB,
    memoryBlocks: domain.memoryBlocks.map((block) => ({
      sizeMiB: block.sizeMiB,
      realAddress: block.realAddress,
    })),
    cpuArch: domain.cpuArch,
    switches: [...new Set(domain.networks.map((network) => network.switch))],
    bridges: [...new Set(domain.networks.flatMap((network) => (network.bridge ? [network.bridge] : [])))],
    volumes: [...new Set(domain.disks.map((disk) => disk.volume))],
    macs: domain.networks.map((network) => network.mac),
    directIO: domain.directIO,
    cryptoUnits: domain.cryptoUnits,
    delayedReconfig: domain.delayedReconfig,
    busy,
  };
}

export function macsOf(domains: Omit<Domain, "flags" | "migration">[]): string[] {
  return domains.flatMap((domain) => domain.networks.map((network) => network.mac));
}
