import { CompatIndex } from "./compat-index";
import type { MoveNote } from "./explain";
import { Imbalance } from "./imbalance";
import { Ledger } from "./ledger";
import { LoadBuckets } from "./load-buckets";
import { buildModel, type Model } from "./model";
import { Placement } from "./placement";
import type { Unplaceable } from "./plan-types";
import type { Snapshot } from "./snapshot-schema";

/** Everything one planning run works on, built once from the snapshot. */
export interface PlanContext {
  model: Model;
  ledger: Ledger;
  placement: Placement;
  imbalance: Imbalance;
  buckets: LoadBuckets;
  /** Units wholly on each host at the start: the candidates to move off it. */
  hostUnits: number[][];
  notes: Map<number, MoveNote>;
  unplaceable: Unplaceable[];
}

export function createContext(snapshot: Snapshot): PlanContext {
  const model = buildModel(snapshot);
  const ledger = new Ledger(model);
  const imbalance = new Imbalance(model, ledger);
  const buckets = new LoadBuckets(model, imbalance);
  const placement = new Placement(model, ledger, new CompatIndex(model), imbalance, buckets);
  const hostUnits: number[][] = model.hosts.map(() => []);
  model.rules.unitMembers.forEach((_, unit) => {
    const host = placement.hostOf(unit);
    if (host >= 0) hostUnits[host]?.push(unit);
  });
  return { model, ledger, placement, imbalance, buckets, hostUnits, notes: new Map(), unplaceable: [] };
}
