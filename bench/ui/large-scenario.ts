import { type Scenario, scenarioSchema } from "../../cluster/scenario";

/**
 * Generated scenarios: N uniform hosts with M domains each, in a fixed mix of sizes, so the big
 * cluster's pages carry realistic variety (small web guests up to large databases, some inactive)
 * without a 200-host JSON file in the repository. Deterministic: the same arguments give the same
 * cluster, so two runs' figures compare.
 */

interface Shape {
  vcpus: number;
  memoryMiB: number;
  cpuUsed: number;
  dirtyRateMiBps: number;
}

const SHAPES: Shape[] = [
  { vcpus: 2, memoryMiB: 2048, cpuUsed: 0.8, dirtyRateMiBps: 4 },
  { vcpus: 4, memoryMiB: 4096, cpuUsed: 1.5, dirtyRateMiBps: 8 },
  { vcpus: 4, memoryMiB: 8192, cpuUsed: 2.5, dirtyRateMiBps: 12 },
  { vcpus: 8, memoryMiB: 16384, cpuUsed: 4, dirtyRateMiBps: 20 },
  { vcpus: 16, memoryMiB: 32768, cpuUsed: 9, dirtyRateMiBps: 30 },
];

/**
 * Mostly small guests, a few big ones: 20 slots use 82 VCPUs and 126 GiB, which fits the hosts
 * below (128 strands, 256 GiB) with room, so every domain starts and some hosts look busier than
 * others as the pattern rotates.
 */
const PATTERN = [0, 0, 1, 0, 2, 1, 0, 3, 0, 1, 2, 0, 1, 4, 0, 2, 1, 0, 3, 0];

export interface GeneratedScenarioOptions {
  hosts: number;
  domainsPerHost: number;
  /**
   * Put every volume on every host (one shared SAN), so any domain may migrate anywhere. Only for
   * small clusters: with 4,000 domains it would put 4,000 volumes in every host's `GET /v1/host`.
   */
  shareVolumes?: boolean;
}

export function hostName(index: number, total: number): string {
  return `h${String(index + 1).padStart(String(total).length, "0")}`;
}

export function generateScenario(options: GeneratedScenarioOptions): Scenario {
  const hosts = Array.from({ length: options.hosts }, (_, h) => {
    const name = hostName(h, options.hosts);
    const domains = Array.from({ length: options.domainsPerHost }, (_, d) => {
      const shape = SHAPES[PATTERN[(d + h) % PATTERN.length] ?? 0] ?? SHAPES[0];
      if (!shape) throw new Error("no domain shape");
      const domain = `${name}-vm${String(d + 1).padStart(2, "0")}`;
      return {
        name: domain,
        // Every seventh guest is defined but not running, as on real estates.
        state: (d + h) % 7 === 6 ? "inactive" : "active",
        vcpus: shape.vcpus,
        memoryMiB: shape.memoryMiB,
        networks: [{ switch: "primary-vsw0" }],
        disks: [{ volume: `${domain}-boot` }],
        workload: {
          cpuUsed: shape.cpuUsed,
          dirtyRateMiBps: shape.dirtyRateMiBps,
          wwsMiB: Math.min(1024, shape.memoryMiB / 4),
          pattern: "random",
        },
      };
    });
    return { name, domains, ...(options.shareVolumes ? {} : { volumes: volumesOf(domains) }) };
  });
  const shared = options.shareVolumes
    ? Object.fromEntries(hosts.flatMap((host) => Object.entries(volumesOf(host.domains))))
    : undefined;
  return scenarioSchema.parse({
    description: `generated: ${options.hosts} hosts x ${options.domainsPerHost} domains`,
    defaults: {
      allowMigrationsFrom: [".*"],
      host: {
        hypervisor: { kind: "ldoms", version: "3.6" },
        cpu: { model: "SPARC-T4", mhz: 2848, cores: 16, threadsPerCore: 8 },
        memory: { totalMiB: 262144 },
        switches: [{ name: "primary-vsw0", nic: "nxge0" }],
        nics: ["nxge0"],
        storage: ["san-a"],
        ...(shared ? { volumes: shared } : {}),
      },
    },
    hosts,
  });
}

/** Each domain's boot volume, on the shared SAN. */
function volumesOf(domains: { name: string }[]): Record<string, string> {
  return Object.fromEntries(domains.map(({ name }) => [`${name}-boot`, `san-a/lun-${name}`]));
}
