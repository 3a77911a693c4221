import { fitBlockSizes } from "../memory/fit-blocks";
import type { FreeResources } from "../prechecks/from-snapshot";
import type { SnapshotDomain } from "./snapshot-schema";

/**
 * The capacity pre-checks (INSUFFICIENT_CPU, INSUFFICIENT_MEMORY, MEMORY_LAYOUT_INCOMPATIBLE,
 * NO_CONSOLE_PORT) on plain numbers, for the planner's inner loops where building facts for
 * runPrechecks on every candidate host would cost too much. Every move chosen with it is confirmed
 * by runPrechecks, and compat-index.test.ts holds both to the same verdicts on random cases.
 */
export function capacityFailures(
  domain: SnapshotDomain,
  blocks: readonly number[],
  free: FreeResources,
): string[] {
  const failed: string[] = [];
  if (domain.state !== "inactive") {
    if (free.strands < domain.vcpus) failed.push("INSUFFICIENT_CPU");
    if (free.memoryMiB < domain.memoryMiB) failed.push("INSUFFICIENT_MEMORY");
    else if (free.memoryBlocksMiB !== undefined && !fitBlockSizes(blocks, free.memoryBlocksMiB).ok) {
      failed.push("MEMORY_LAYOUT_INCOMPATIBLE");
    }
  }
  if (free.consolePorts <= 0) failed.push("NO_CONSOLE_PORT");
  return failed;
}

/** The checks that fail for the domain itself, wherever it would go. */
export function intrinsicFailures(domain: SnapshotDomain): string[] {
  const failed: string[] = [];
  if (domain.directIO) failed.push("DIRECT_IO_DOMAIN");
  if (domain.cryptoUnits > 0 && domain.vcpus > 1) failed.push("CRYPTO_MULTI_VCPU");
  return failed;
}
