import type { Placement } from "./placement";
import type { HostChange, MoveExplanation } from "./plan-types";
import { rankRejected, type Survey } from "./survey";

/**
 * A move's explanation: both hosts' use before and after, why this target, how many hosts could
 * have taken the domain and what ruled the others out. The structured form goes in `explanation`,
 * the same in words in `reason`.
 */

export interface MoveNote {
  reason: string;
  explanation: MoveExplanation;
}

export interface LoadsBefore {
  source: number;
  target: number;
  cpu: [number, number];
  memory: [number, number];
}

/** Reads both hosts' use now: call before the move, and `noteMove` after it. */
export function loadsBefore(placement: Placement, source: number, target: number): LoadsBefore {
  const { cpu, memory } = placement.imbalance;
  return {
    source,
    target,
    cpu: [cpu[source] ?? 0, cpu[target] ?? 0],
    memory: [memory[source] ?? 0, memory[target] ?? 0],
  };
}

export function noteMove(
  placement: Placement,
  before: LoadsBefore,
  survey: Survey,
  context: string,
  why: string,
  group: string[],
): MoveNote {
  const { cpu, memory } = placement.imbalance;
  const name = (h: number) => placement.model.hosts[h]?.name ?? String(h);
  const change = (h: number, side: 0 | 1): HostChange => ({
    host: name(h),
    cpuBefore: round(before.cpu[side]),
    cpuAfter: round(cpu[h] ?? 0),
    memoryBefore: round(before.memory[side]),
    memoryAfter: round(memory[h] ?? 0),
  });
  const rejected = rankRejected(survey).map(({ code, hosts }) => ({ code, hosts }));
  const explanation: MoveExplanation = {
    source: change(before.source, 0),
    target: change(before.target, 1),
    why,
    compatibleHosts: survey.feasible.length,
    rejected,
    ...(group.length > 0 ? { group } : {}),
  };
  const others =
    rejected.length === 0
      ? "no other host ruled out"
      : `others ruled out by ${rejected
          .slice(0, 4)
          .map(({ code, hosts }) => `${code} (${hosts})`)
          .join(", ")}`;
  const together = group.length > 0 ? `; moves with its affinity group (${group.join(", ")})` : "";
  const reason =
    `${context}: ${describe(explanation.source)}; ${describe(explanation.target)}; ` +
    `${explanation.target.host} chosen: ${why} among ${survey.feasible.length} compatible hosts, ${others}${together}`;
  return { reason, explanation };
}

function describe(change: HostChange): string {
  return `${change.host} cpu ${pct(change.cpuBefore)} -> ${pct(change.cpuAfter)}, memory ${pct(change.memoryBefore)} -> ${pct(change.memoryAfter)}`;
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
