import { fitBlockSizes } from "../../memory/fit-blocks";
import { formatSizeMiB } from "../../units";
import { fail, type PrecheckResult, pass } from "../codes";
import type { PrecheckInput } from "../facts";

/** Checks that the target has room: strands (whole cores where required), memory and its layout. */

export function enoughCpu({ target, domain }: PrecheckInput): PrecheckResult | null {
  if (target === null || domain.state === "inactive") return null;
  const { cpu } = target;
  if (cpu.freeStrands < domain.vcpus) {
    return fail(
      "INSUFFICIENT_CPU",
      `target ${target.name} has ${cpu.freeStrands} free strands, domain ${domain.name} needs ${domain.vcpus}`,
    );
  }
  if (cpu.wholeCores && cpu.threadsPerCore && cpu.freeCores !== undefined) {
    const coresNeeded = Math.ceil(domain.vcpus / cpu.threadsPerCore);
    if (cpu.freeCores < coresNeeded) {
      return fail(
        "INSUFFICIENT_CPU",
        `target ${target.name} has ${cpu.freeCores} free whole cores, domain ${domain.name} needs ${coresNeeded} (${domain.vcpus} strands, ${cpu.threadsPerCore} per core)`,
      );
    }
  }
  return pass("INSUFFICIENT_CPU", `target has ${cpu.freeStrands} free strands, domain needs ${domain.vcpus}`);
}

export function enoughMemory({ target, domain }: PrecheckInput): PrecheckResult | null {
  if (target === null || domain.state === "inactive") return null;
  const need = formatSizeMiB(domain.memoryMiB);
  return target.memory.freeMiB < domain.memoryMiB
    ? fail(
        "INSUFFICIENT_MEMORY",
        `target ${target.name} has ${formatSizeMiB(target.memory.freeMiB)} free memory, domain ${domain.name} needs ${need}`,
      )
    : pass(
        "INSUFFICIENT_MEMORY",
        `target has ${formatSizeMiB(target.memory.freeMiB)} free, domain needs ${need}`,
      );
}

export function memoryLayoutFits({ target, domain }: PrecheckInput): PrecheckResult | null {
  const freeBlocks = target?.memory.freeBlocksMiB;
  if (target === null || freeBlocks === undefined || domain.state === "inactive") return null;
  // Not enough memory at all is INSUFFICIENT_MEMORY's finding; this check is about its shape.
  if (target.memory.freeMiB < domain.memoryMiB) return null;
  const blocks = domain.memoryBlocks ?? [{ sizeMiB: domain.memoryMiB }];
  const fit = fitBlockSizes(
    blocks.map((block) => block.sizeMiB),
    freeBlocks,
  );
  if (fit.ok) {
    return pass("MEMORY_LAYOUT_INCOMPATIBLE", `target can bind all ${blocks.length} memory blocks`);
  }
  const block = blocks[fit.failedBlock];
  const at = block?.realAddress ? ` at real address ${block.realAddress}` : "";
  const largest = Math.max(0, ...freeBlocks);
  return fail(
    "MEMORY_LAYOUT_INCOMPATIBLE",
    `Unable to bind ${formatSizeMiB(block?.sizeMiB ?? 0)} memory region${at} on ${target.name} (largest free block ${formatSizeMiB(largest)}, ${freeBlocks.length} free blocks)`,
  );
}
