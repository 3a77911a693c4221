import { fitBlocks } from "../memory/fit-blocks";
import type { Plan } from "./plan-types";
import type { Snapshot } from "./snapshot-schema";

/**
 * The snapshot a plan leaves behind, as if every move succeeded: domains on their new hosts, free
 * console ports and free memory ranges as the waves leave them (a leaving domain's blocks come back
 * after its wave, as separate ranges). For the projected after-state and for checking that planning
 * again suggests (almost) nothing. Throws if a move's memory blocks do not fit: verify first.
 */
export function applyPlan(snapshot: Snapshot, result: Pick<Plan, "moves">): Snapshot {
  const domains = new Map(snapshot.domains.map((domain) => [domain.name, { ...domain }]));
  const hosts = new Map(
    snapshot.hosts.map((host) => [
      host.name,
      { ...host, freeMemoryBlocksMiB: host.freeMemoryBlocksMiB?.slice() },
    ]),
  );
  const waves = [...new Set(result.moves.map((move) => move.wave))].sort((a, b) => a - b);
  for (const wave of waves) {
    const moves = result.moves.filter((move) => move.wave === wave);
    for (const move of moves) {
      const domain = domains.get(move.domain);
      const target = hosts.get(move.to);
      if (!domain || !target) throw new Error(`move of ${move.domain} to ${move.to}: unknown domain or host`);
      target.consolePorts -= 1;
      if (domain.state !== "inactive" && target.freeMemoryBlocksMiB) {
        target.freeMemoryBlocksMiB = take(
          target.freeMemoryBlocksMiB,
          domain.memoryBlocksMiB ?? [domain.memoryMiB],
        );
      }
    }
    for (const move of moves) {
      const domain = domains.get(move.domain);
      const source = hosts.get(move.from);
      if (!domain || !source) continue;
      source.consolePorts += 1;
      if (domain.state !== "inactive" && source.freeMemoryBlocksMiB) {
        source.freeMemoryBlocksMiB.push(...(domain.memoryBlocksMiB ?? [domain.memoryMiB]));
      }
      domain.host = move.to;
    }
  }
  return { ...snapshot, hosts: [...hosts.values()], domains: [...domains.values()] };
}

/** The free ranges left once `blocks` are bound into `free` the way lib/memory places them. */
function take(free: number[], blocks: number[]): number[] {
  let offset = 0;
  const ranges = free.map((size) => {
    const range = { start: offset, size };
    offset += size + 1;
    return range;
  });
  const fit = fitBlocks(blocks, ranges);
  if (!fit.ok) throw new Error(`memory blocks ${blocks.join("+")} do not fit ${free.join(",")}`);
  const left = ranges.map((range) => range.size);
  fit.starts.forEach((start, index) => {
    const at = ranges.findIndex((range) => start >= range.start && start < range.start + range.size);
    left[at] = (left[at] ?? 0) - (blocks[index] ?? 0);
  });
  return left.filter((size) => size > 0);
}
