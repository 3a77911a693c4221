import type { WorkloadModel } from "../../../lib/prediction/precopy-model";
import type { DirtyBitmap } from "./dirty-bitmap";

/**
 * A guest writing memory: `rate` bytes a second into its writable working set (the first pages
 * of its memory), in order (`sweep`) or at random (`random`). It marks what it writes in the
 * hypervisor's dirty bitmap.
 */
export class GuestWorkload {
  private readonly wwsPages: number;
  private readonly pagesPerSecond: number;
  private carry = 0;
  private cursor = 0;
  private seed: number;

  constructor(
    private readonly model: WorkloadModel,
    pageSize: number,
    totalPages: number,
    seed = 0x9e3779b9,
  ) {
    const wwsBytes = Math.min(model.wwsBytes ?? totalPages * pageSize, totalPages * pageSize);
    this.wwsPages = Math.max(0, Math.floor(wwsBytes / pageSize));
    this.pagesPerSecond = model.dirtyRateBytesPerSec / pageSize;
    this.seed = seed >>> 0 || 1;
  }

  /** Writes what the guest writes in `seconds` of simulated time; returns pages written. */
  run(seconds: number, bitmap: DirtyBitmap): number {
    if (this.wwsPages === 0 || seconds <= 0) return 0;
    this.carry += this.pagesPerSecond * seconds;
    const writes = Math.floor(this.carry);
    this.carry -= writes;
    if (this.model.pattern === "random") {
      for (let i = 0; i < writes; i++) bitmap.mark(this.nextRandom() % this.wwsPages);
    } else {
      // A sweep covers the working set at most once per call: writing a page twice dirties it once.
      const count = Math.min(writes, this.wwsPages);
      for (let i = 0; i < count; i++) bitmap.mark((this.cursor + i) % this.wwsPages);
      this.cursor = (this.cursor + writes) % this.wwsPages;
    }
    return writes;
  }

  /** xorshift32: cheap, and repeatable for a given seed. */
  private nextRandom(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }
}
