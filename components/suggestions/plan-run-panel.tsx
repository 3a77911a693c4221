"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Can } from "@/components/auth/role-context";
import { MigrationProgress } from "@/components/migrations/migration-progress";
import { Badge } from "@/components/ui/badge";
import { dangerButton, dangerOutlineButton, secondaryButton } from "@/components/ui/buttons";
import { cancelPlanRun } from "@/lib/actions/planner";
import { isActiveRun } from "@/lib/plan-runs/types";
import type { PlanRunView } from "@/lib/plan-runs/view";

const LIVE_MS = 500;

async function fetchRun(id: string): Promise<PlanRunView> {
  const response = await fetch(`/api/plan-runs/${encodeURIComponent(id)}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`the dashboard answered ${response.status}`);
  return response.json();
}

const STATE_TONES = {
  pending: "slate",
  starting: "sky",
  running: "sky",
  "needs-attention": "red",
  completed: "green",
  failed: "red",
  cancelled: "amber",
} as const;

/**
 * An applied plan, live: its waves, each move's state and, while one runs, its migration's progress.
 * Cancelling the plan stops the moves not yet started and cancels the running ones at their sources.
 */
export function PlanRunPanel({ initial }: { initial: PlanRunView }) {
  const router = useRouter();
  const { data: run } = useQuery({
    queryKey: ["plan-run", initial.id],
    queryFn: () => fetchRun(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isActiveRun(query.state.data.state) ? LIVE_MS : false),
  });
  const active = isActiveRun(run.state);
  // When the plan ends, the suggestions around it are planned again on the new state.
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) router.refresh();
    wasActive.current = active;
  }, [active, router]);
  const counts = countStates(run);
  return (
    <section
      aria-labelledby="plan-run-heading"
      className="space-y-3 rounded border border-sky-200 bg-sky-50 p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="plan-run-heading" className="font-semibold">
          {run.maintenance ? `Emptying ${run.maintenance} for maintenance` : `Applying a ${run.goal} plan`}:{" "}
          <span role="status">{describe(run.state, counts)}</span>
        </h2>
        {run.state === "running" && (
          <Can permission="apply-plan">
            <CancelPlan id={run.id} />
          </Can>
        )}
      </div>
      <ol className="space-y-2">
        {run.moves.map((move) => (
          <li key={move.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={STATE_TONES[move.state as keyof typeof STATE_TONES] ?? "slate"}>
                {move.state}
              </Badge>
              <span className="font-medium">{move.domain}</span>
              <span>
                {move.source} → {move.target}
              </span>
              <span className="text-xs text-slate-600">wave {move.wave + 1}</span>
            </div>
            {move.error && <p className="mt-1 text-red-800">{move.error}</p>}
            {move.migration && move.state === "running" && (
              <div className="mt-2">
                <MigrationProgress migration={move.migration} />
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function countStates(run: PlanRunView): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const move of run.moves) counts[move.state] = (counts[move.state] ?? 0) + 1;
  return counts;
}

function describe(state: string, counts: Record<string, number>): string {
  const done = counts.completed ?? 0;
  const failed = counts.failed ?? 0;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const tail = failed > 0 ? `, ${failed} failed` : "";
  if (state === "running") return `${done} of ${total} moved${tail}`;
  if (state === "cancelling") return `cancelling (${done} of ${total} moved${tail})`;
  if (state === "cancelled") return `cancelled after ${done} of ${total} move(s)${tail}`;
  return `finished: ${done} of ${total} moved${tail}`;
}

function CancelPlan({ id }: { id: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const cancel = () =>
    startTransition(async () => {
      const result = await cancelPlanRun({ id });
      setConfirming(false);
      setError(result.ok ? null : result.error);
      if (result.ok) toast.info("Cancelling the plan: no new move starts, running ones are cancelled");
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      {!confirming ? (
        <button type="button" className={dangerOutlineButton} onClick={() => setConfirming(true)}>
          Cancel plan
        </button>
      ) : (
        <>
          <span>Stop the moves not started and cancel the running ones?</span>
          <button type="button" className={dangerButton} disabled={pending} onClick={cancel}>
            {pending ? "Cancelling…" : "Yes, cancel the plan"}
          </button>
          <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
            Keep going
          </button>
        </>
      )}
      {error && (
        <span role="alert" className="text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
