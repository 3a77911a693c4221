import type { Goal, Policy } from "./snapshot-schema";

/**
 * The planner's output, CONTRACTS.md section 2: moves in waves, what could not be placed, and the
 * cluster's figures before and after. Fields beyond the contract's (explanation, summary, policy)
 * are additions for the dashboard; none of the contract's is renamed.
 */

export interface Predicted {
  seconds: number;
  downtimeMs: number;
  transferMiB: number;
}

/** A host's use as fractions of its strands and memory, before and after one move. */
export interface HostChange {
  host: string;
  cpuBefore: number;
  cpuAfter: number;
  memoryBefore: number;
  memoryAfter: number;
}

export interface CheckCount {
  code: string;
  hosts: number;
}

export interface MoveExplanation {
  source: HostChange;
  target: HostChange;
  /** Why this target rather than another that passes every check. */
  why: string;
  /** Hosts (other than the source) that pass every check and rule for this domain at this point. */
  compatibleHosts: number;
  /** The failing checks that ruled the other hosts out, most frequent first (a host may fail several). */
  rejected: CheckCount[];
  /** The rest of its affinity group, which moves with it. */
  group?: string[];
}

export interface PlannedMove {
  domain: string;
  from: string;
  to: string;
  kind: "live" | "cold";
  wave: number;
  reason: string;
  predicted: Predicted;
  explanation: MoveExplanation;
}

export interface FailedCheck {
  code: string;
  /** How many hosts fail it. */
  hosts: number;
  /** One host's message, as the pre-check (or rule) words it. */
  message: string;
}

export interface Unplaceable {
  domain: string;
  host: string;
  reason: string;
  failed: FailedCheck[];
}

export interface ClusterMetrics {
  /** Standard deviation of the hosts' CPU use and memory use (fractions), over hosts in service. */
  imbalance: { cpu: number; memory: number };
  hottest: { host: string; cpu: number; memory: number } | null;
  /** Hosts holding at least one domain. */
  hostsUsed: number;
  /** Hosts not in maintenance and not being evacuated. */
  hostsInService: number;
  mean: { cpu: number; memory: number };
}

export interface PlanSummary {
  moves: number;
  waves: number;
  transferMiB: number;
  /** Waves run one after another, the moves of a wave side by side: the sum of each wave's longest move. */
  seconds: number;
  unplaceable: number;
}

export interface Plan {
  goal: Goal;
  moves: PlannedMove[];
  unplaceable: Unplaceable[];
  metrics: { before: ClusterMetrics; after: ClusterMetrics };
  summary: PlanSummary;
  policy: Policy;
}
