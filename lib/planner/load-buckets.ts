import type { Imbalance } from "./imbalance";
import type { Model } from "./model";

/**
 * Hosts in service grouped by their higher use (CPU or memory) in 1% steps, so the planner can walk
 * from the least loaded host up (or the most loaded down) without sorting after every move.
 */

const BUCKETS = 160;

export class LoadBuckets {
  private readonly buckets: number[][] = Array.from({ length: BUCKETS }, () => []);
  private readonly bucketOf: Int32Array;
  private readonly position: Int32Array;

  constructor(
    private readonly model: Model,
    private readonly imbalance: Imbalance,
  ) {
    this.bucketOf = new Int32Array(model.hosts.length).fill(-1);
    this.position = new Int32Array(model.hosts.length);
    for (const h of model.inService) this.refresh(h);
  }

  load(h: number): number {
    return Math.max(this.imbalance.cpu[h] ?? 0, this.imbalance.memory[h] ?? 0);
  }

  refresh(h: number): void {
    if (this.model.drained[h]) return;
    const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.floor(this.load(h) * 100)));
    const current = this.bucketOf[h] ?? -1;
    if (current === bucket) return;
    if (current >= 0) this.remove(h, current);
    const list = this.buckets[bucket] ?? [];
    this.position[h] = list.length;
    list.push(h);
    this.bucketOf[h] = bucket;
  }

  /** Visits hosts from the least loaded up until `visit` returns false. */
  ascending(visit: (h: number) => boolean): void {
    for (const list of this.buckets) for (const h of list) if (!visit(h)) return;
  }

  /** Visits hosts from the most loaded down until `visit` returns false. */
  descending(visit: (h: number) => boolean): void {
    for (let b = BUCKETS - 1; b >= 0; b--) {
      for (const h of this.buckets[b] ?? []) if (!visit(h)) return;
    }
  }

  private remove(h: number, bucket: number): void {
    const list = this.buckets[bucket] ?? [];
    const at = this.position[h] ?? 0;
    const last = list.pop();
    if (last !== undefined && last !== h) {
      list[at] = last;
      this.position[last] = at;
    }
  }
}
