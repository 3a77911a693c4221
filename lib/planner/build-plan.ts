import { snapshotMoveKind } from "../prechecks/from-snapshot";
import type { PlanContext } from "./context";
import { clusterMetrics } from "./metrics";
import type { ClusterMetrics, Plan, PlannedMove } from "./plan-types";

/** The plan of CONTRACTS.md section 2 from what a planning run decided, moves in wave order. */
export function buildPlan(ctx: PlanContext, before: ClusterMetrics): Plan {
  const { model, ledger, placement } = ctx;
  const moves: PlannedMove[] = ledger.moves
    .map((move, order) => ({ move, order }))
    .sort((a, b) => a.move.wave - b.move.wave || a.order - b.order)
    .map(({ move }) => {
      const domain = model.domains[move.domain];
      const note = ctx.notes.get(move.domain);
      if (!domain || !note) throw new Error(`move of domain ${move.domain} has no explanation`);
      const cost = placement.costs.of(move.domain);
      return {
        domain: domain.name,
        from: model.hosts[move.from]?.name ?? "",
        to: model.hosts[move.to]?.name ?? "",
        kind: snapshotMoveKind(domain),
        wave: move.wave,
        reason: note.reason,
        predicted: {
          seconds: Math.round(cost.seconds * 10) / 10,
          downtimeMs: Math.round(cost.downtimeMs),
          transferMiB: Math.round(cost.transferMiB),
        },
        explanation: note.explanation,
      };
    });
  const waveSeconds = new Map<number, number>();
  for (const move of moves)
    waveSeconds.set(move.wave, Math.max(waveSeconds.get(move.wave) ?? 0, move.predicted.seconds));
  return {
    goal: model.policy.goal,
    moves,
    unplaceable: ctx.unplaceable,
    metrics: { before, after: clusterMetrics(model, ledger) },
    summary: {
      moves: moves.length,
      waves: waveSeconds.size,
      transferMiB: moves.reduce((sum, move) => sum + move.predicted.transferMiB, 0),
      seconds: Math.round([...waveSeconds.values()].reduce((sum, seconds) => sum + seconds, 0) * 10) / 10,
      unplaceable: ctx.unplaceable.length,
    },
    policy: model.policy,
  };
}
