import type { Rule, SnapshotInput } from "../snapshot-schema";
import { generateDomains } from "./generate-domains";
import { generateRules } from "./generate-rules";
import { Random } from "./random";

/**
 * A generated cluster for benchmarks and tests: hosts in pods of 25 that share a CPU model, a
 * hypervisor release, a SAN and network segments, so domains can only go where their platform,
 * switches and volumes are; host sizes and loads that differ (some hot, some nearly idle); memory
 * fragmented on a quarter of the hosts; a few I/O domains, crypto domains and rules of every kind;
 * a host in maintenance per 200. The same options and seed give the same cluster.
 */

export interface ClusterOptions {
  hosts: number;
  domainsPerHost?: number;
  seed?: number;
  goal?: "balance" | "consolidate" | "evacuate";
  /** Share of hosts named in policy.evacuate for the evacuate goal, spread over the pods. */
  evacuateShare?: number;
  aggressiveness?: number;
}

const CPUS = [
  { model: "SPARC-T4", mhz: 2848 },
  { model: "SPARC-T5", mhz: 3600 },
  { model: "SPARC-M7", mhz: 4133 },
  { model: "SPARC-S7", mhz: 4270 },
] as const;
const SIZES = [
  { strands: 128, memoryMiB: 256 * 1024 },
  { strands: 256, memoryMiB: 512 * 1024 },
  { strands: 256, memoryMiB: 1024 * 1024 },
] as const;
const POD_SIZE = 25;

export interface PodSpec {
  cpu: { model: string; mhz: number };
  hypervisor: string;
  san: string;
  segment: string;
  size: (typeof SIZES)[number];
}

export function generateCluster(options: ClusterOptions): SnapshotInput {
  const random = new Random(options.seed ?? 1);
  const perHost = options.domainsPerHost ?? 20;
  // Pods pair up into platforms (same CPU, hypervisor release and network segment); platforms
  // share a SAN two by two. So a native domain with its segment's switch fits 50 hosts, a generic
  // one without it about 100, and a volume name means other storage on another SAN.
  const platforms = Array.from({ length: Math.ceil(options.hosts / POD_SIZE / 2) }, (_, p) => ({
    cpu: CPUS[p % CPUS.length] ?? CPUS[0],
    hypervisor: random.chance(0.15) ? "ldoms-3.5" : "ldoms-3.6",
    san: `san-${"abc"[Math.floor(p / 2) % 3]}`,
    segment: `vsw-net${p}`,
  }));
  const pods: PodSpec[] = Array.from({ length: Math.ceil(options.hosts / POD_SIZE) }, (_, p) => ({
    ...(platforms[Math.floor(p / 2)] ?? (platforms[0] as Omit<PodSpec, "size">)),
    size: random.pick(SIZES),
  }));
  const width = String(options.hosts).length;
  const hosts = Array.from({ length: options.hosts }, (_, h) => {
    const pod = pods[Math.floor(h / POD_SIZE)] ?? (pods[0] as PodSpec);
    return {
      name: `h${String(h + 1).padStart(Math.max(3, width), "0")}`,
      pod,
      cpu: { ...pod.cpu, strands: pod.size.strands },
      memoryMiB: pod.size.memoryMiB,
      hypervisor: pod.hypervisor,
      switches: ["primary-vsw0", pod.segment],
      volumes: Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`ds${k}`, `${pod.san}/lun${k}`])),
      scarcePorts: random.chance(0.05),
      maintenance: options.hosts >= 100 && h % 200 === 137,
    };
  });
  const { domains, freeBlocks, ports } = generateDomains(random, hosts, perHost);
  const rules: Rule[] = generateRules(random, domains, hosts, POD_SIZE);
  // Hosts to evacuate spread over the pods (one in fifty by default), as patching goes rack by rack.
  const evacuateEvery = Math.max(2, Math.round(1 / (options.evacuateShare ?? 0.02)));
  return {
    hosts: hosts.map(({ pod: _pod, scarcePorts, ...host }, h) => ({
      ...host,
      // Free console ports: a few hosts have almost none left.
      consolePorts: scarcePorts ? h % 3 : Math.max(0, 64 - (ports[h] ?? 0)),
      ...(freeBlocks[h] ? { freeMemoryBlocksMiB: freeBlocks[h] } : {}),
    })),
    domains,
    rules,
    policy: {
      goal: options.goal ?? "balance",
      evacuate:
        options.goal === "evacuate"
          ? hosts
              .filter((host, h) => h % evacuateEvery === 7 % evacuateEvery && !host.maintenance)
              .map((host) => host.name)
          : [],
      aggressiveness: options.aggressiveness ?? 3,
      cpuOvercommit: 1,
      maxParallelPerHost: 2,
      linkMiBps: 1170,
      targetUtilization: 0.8,
    },
  };
}
