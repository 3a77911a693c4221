import { snapshotMoveKind } from "../prechecks/from-snapshot";
import { predictMigration } from "../prediction/precopy-model";
import { MiB } from "../units";
import type { Model } from "./model";
import type { Predicted } from "./plan-types";
import { MOVE_OVERHEAD } from "./policy-levels";

/**
 * What a move costs, from the pre-copy model the agents' dry runs use (one implementation). A
 * domain's cost does not depend on where it goes, so it is predicted once per domain. A domain
 * with no dirty rate in the snapshot is taken as quiet: the snapshot is the only source of it.
 */
export class MoveCosts {
  private readonly predicted: (Predicted | undefined)[];
  private readonly byShape = new Map<string, Predicted>();

  constructor(private readonly model: Model) {
    this.predicted = new Array(model.domains.length);
  }

  of(d: number): Predicted {
    let cost = this.predicted[d];
    if (!cost) {
      const domain = this.model.domains[d];
      if (!domain) throw new Error(`no domain ${d}`);
      const kind = snapshotMoveKind(domain);
      // Domains of one size and dirty rate cost the same: predict each such pair once.
      const key = `${kind}:${domain.memoryMiB}:${domain.dirtyRateMiBps ?? 0}`;
      cost = this.byShape.get(key);
      if (!cost) {
        const prediction = predictMigration({
          kind,
          memoryBytes: domain.memoryMiB * MiB,
          bandwidthBytesPerSec: this.model.policy.linkMiBps * MiB,
          workload: { dirtyRateBytesPerSec: (domain.dirtyRateMiBps ?? 0) * MiB },
        });
        cost = {
          seconds: prediction.seconds,
          downtimeMs: prediction.downtimeMs,
          transferMiB: prediction.transferBytes / MiB,
        };
        this.byShape.set(key, cost);
      }
      this.predicted[d] = cost;
    }
    return cost;
  }

  /** The cost the planner weighs a move's benefit against: data sent per average host memory, plus overhead. */
  weight(d: number): number {
    return this.of(d).transferMiB / this.model.meanHostMemoryMiB + MOVE_OVERHEAD;
  }
}
