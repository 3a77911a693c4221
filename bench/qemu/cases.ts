/**
 * What `npm run bench:qemu` migrates: two guest sizes, each at a low and a high dirty rate, under a
 * bandwidth limit that makes a migration take seconds and several pre-copy rounds on this machine.
 *
 * The writing set is a quarter of the guest's memory: the rest stays zero, which QEMU sends almost
 * for free, so without it a 1 GiB guest would move as fast as a 256 MiB one. The 1 GiB guest gets
 * twice the bandwidth (64 MiB/s): at 32 MiB/s its 256 MiB writing set alone takes 8 s a pass, and
 * 16 such migrations (2 rates x 2 paths x 4 repeats) plus its slow boot under TCG would not fit the
 * ten minutes. Dirty rates are the same fractions of the bandwidth for both sizes: 1/8 (low: one
 * or two rounds after the first) and 1/2 (high: about five rounds, each half the one before).
 */

export interface BenchCase {
  label: string;
  memoryMiB: number;
  wssMiB: number;
  dirtyMiBps: number;
  bandwidthMiBps: number;
  downtimeLimitMs: number;
}

/** QEMU's default, and the agents' (config migration.defaultDowntimeLimitMs). */
const DOWNTIME_LIMIT_MS = 300;

function sized(memoryMiB: number, bandwidthMiBps: number): BenchCase[] {
  const size = memoryMiB >= 1024 ? `${memoryMiB / 1024} GiB` : `${memoryMiB} MiB`;
  return [
    { rate: "low", dirtyMiBps: bandwidthMiBps / 8 },
    { rate: "high", dirtyMiBps: bandwidthMiBps / 2 },
  ].map(({ rate, dirtyMiBps }) => ({
    label: `${size} ${rate}`,
    memoryMiB,
    wssMiB: memoryMiB / 4,
    dirtyMiBps,
    bandwidthMiBps,
    downtimeLimitMs: DOWNTIME_LIMIT_MS,
  }));
}

export const CASES: BenchCase[] = [...sized(256, 32), ...sized(1024, 64)];

export interface BenchOptions {
  /** Agent and direct migrations per case, interleaved: A B A B ... */
  repeats: number;
  /** No new pair starts once the run has used this much (the rest is said to be skipped). */
  budgetMs: number;
  /** A guest under TCG on a busy machine: boot and fill its writing set. */
  bootTimeoutMs: number;
  /** One migration, either path. */
  migrationTimeoutMs: number;
}

export function benchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  return {
    repeats: Math.max(1, Number(env.BENCH_QEMU_REPEATS ?? 4)),
    budgetMs: Number(env.BENCH_QEMU_BUDGET_S ?? 600) * 1000,
    bootTimeoutMs: 180_000,
    migrationTimeoutMs: 180_000,
  };
}

/** "256 MiB guest, 64 MiB written at 4 MiB/s, 32 MiB/s limit": a case in words. */
export function describeCase(c: BenchCase): string {
  return `${c.memoryMiB} MiB guest rewriting ${c.wssMiB} MiB at ${c.dirtyMiBps} MiB/s, limit ${c.bandwidthMiBps} MiB/s, downtime limit ${c.downtimeLimitMs} ms`;
}
