import type { SnapshotDomain } from "../snapshot-schema";
import type { Random } from "./random";

/**
 * The domains of a generated cluster, host by host: a host's memory and CPU fill are drawn first
 * (a tenth of hosts hot, a tenth nearly idle, the rest in between), then split unevenly among its
 * domains. Also each host's free memory ranges (many small ones on a fragmented quarter of them).
 */

interface HostShape {
  name: string;
  cpu: { strands: number };
  memoryMiB: number;
  switches: string[];
}

const GiB = 1024;

export function generateDomains(random: Random, hosts: readonly HostShape[], perHost: number) {
  const domains: SnapshotDomain[] = [];
  const freeBlocks: (number[] | undefined)[] = [];
  const ports: number[] = [];
  const width = String(hosts.length * perHost).length;
  for (const host of hosts) {
    const roll = random.next();
    const memoryFill =
      roll < 0.1
        ? random.between(0.85, 0.95)
        : roll < 0.2
          ? random.between(0.08, 0.2)
          : random.between(0.3, 0.8);
    const cpuFill = Math.min(0.95, Math.max(0.05, memoryFill + random.between(-0.25, 0.25)));
    const weights = Array.from({ length: perHost }, () => 0.2 + 4 * random.next() ** 2);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const fragmented = random.chance(0.25);
    let held = 0;
    let strands = 0;
    for (const weight of weights) {
      const share = weight / total;
      const memoryMiB = Math.max(GiB, Math.round((share * memoryFill * host.memoryMiB) / GiB) * GiB);
      let vcpus = Math.max(1, Math.round(share * host.cpu.strands * random.between(0.6, 0.9)));
      if (strands + vcpus > host.cpu.strands) vcpus = Math.max(1, host.cpu.strands - strands);
      const roll = random.next();
      const state = roll < 0.85 ? "active" : roll < 0.92 ? "bound" : "inactive";
      const crypto = random.next();
      const cryptoUnits = crypto < 0.025 ? 1 : 0;
      if (crypto < 0.02) vcpus = 1;
      if (state !== "inactive") {
        if (strands + vcpus > host.cpu.strands || held + memoryMiB > host.memoryMiB) continue;
        held += memoryMiB;
        strands += vcpus;
      }
      const cpuUsed =
        state === "active"
          ? Math.min(vcpus, Math.round(share * cpuFill * host.cpu.strands * random.between(8, 12)) / 10)
          : 0;
      domains.push({
        name: `d${String(domains.length + 1).padStart(Math.max(5, width), "0")}`,
        host: host.name,
        state,
        vcpus,
        cpuUsed,
        memoryMiB,
        ...(fragmented && random.chance(0.4) ? { memoryBlocksMiB: splitBlocks(random, memoryMiB) } : {}),
        ...(state === "active"
          ? {
              dirtyRateMiBps: Math.round(
                random.chance(0.1) ? random.between(100, 400) : random.between(0, 60),
              ),
            }
          : {}),
        cpuArch: random.chance(0.25) ? "generic" : "native",
        switches: random.chance(0.6) ? [...host.switches] : ["primary-vsw0"],
        volumes: [
          ...new Set([`ds${random.int(0, 7)}`, ...(random.chance(0.4) ? [`ds${random.int(0, 7)}`] : [])]),
        ],
        directIO: random.chance(0.015),
        cryptoUnits,
      });
    }
    ports.push(domains.filter((domain) => domain.host === host.name).length);
    const free = host.memoryMiB - held;
    freeBlocks.push(fragmented ? fragment(random, free) : random.chance(0.5) ? [free] : undefined);
  }
  return { domains, freeBlocks, ports };
}

/** Free memory as ranges of 1 to 16 GiB, in 256 MiB steps. */
function fragment(random: Random, free: number): number[] {
  const blocks: number[] = [];
  let left = free;
  while (left > 0) {
    const size = Math.min(left, random.int(4, 64) * 256);
    blocks.push(size);
    left -= size;
  }
  return blocks;
}

/** A domain's memory as two or three blocks, in 256 MiB steps. */
function splitBlocks(random: Random, memoryMiB: number): number[] {
  const steps = memoryMiB / 256;
  if (steps < 3) return [memoryMiB];
  const first = random.int(1, steps - 2);
  const second = random.int(1, steps - first - 1);
  const blocks = [first * 256, second * 256, (steps - first - second) * 256];
  return random.chance(0.5) ? [blocks[0] ?? 0, (blocks[1] ?? 0) + (blocks[2] ?? 0)] : blocks;
}
