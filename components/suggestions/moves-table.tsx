"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Can } from "@/components/auth/role-context";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import { applySuggestions } from "@/lib/actions/planner";
import type { PlannedMove } from "@/lib/planner/plan-types";
import type { SuggestRequest } from "@/lib/validations/planner";

/**
 * The suggested moves, each with why and what it costs; the admin picks one, some or all and
 * applies them (asked once more). Applying plans again on the server, so what runs is what the
 * agents' state allows now.
 */
export function MovesTable({
  moves,
  request,
  maintenance,
}: {
  moves: PlannedMove[];
  request: SuggestRequest;
  maintenance?: string;
}) {
  const router = useRouter();
  const [picked, setPicked] = useState<Set<string>>(() => new Set(moves.map((move) => move.domain)));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const chosen = moves.filter((move) => picked.has(move.domain));
  const all = picked.size === moves.length;

  const toggle = (domain: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(domain)) next.add(domain);
      return next;
    });

  const apply = () =>
    startTransition(async () => {
      const result = await applySuggestions({
        request,
        moves: chosen.map((move) => ({ domain: move.domain, to: move.to })),
        maintenance,
      });
      setConfirming(false);
      if (result.ok) {
        setError(null);
        toast.success(`Plan applied: ${chosen.length} migration(s) start wave by wave`);
        router.refresh();
      } else {
        setError(result.error);
      }
    });

  const applyLabel = maintenance
    ? `Enter maintenance and move ${chosen.length} domain(s)`
    : all
      ? `Apply all ${moves.length} move(s)`
      : `Apply ${chosen.length} selected move(s)`;

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Suggested moves</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select every move"
                  checked={all}
                  onChange={() => setPicked(all ? new Set() : new Set(moves.map((move) => move.domain)))}
                />
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Domain
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Move
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Wave
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Why
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Predicted
              </th>
            </tr>
          </thead>
          <tbody>
            {moves.map((move) => (
              <tr key={move.domain} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Apply the move of ${move.domain}`}
                    checked={picked.has(move.domain)}
                    onChange={() => toggle(move.domain)}
                  />
                </td>
                <td className="px-3 py-2 font-medium">{move.domain}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  {move.from} → {move.to} <span className="text-xs text-slate-600">({move.kind})</span>
                </td>
                <td className="px-3 py-2 tabular-nums">{move.wave + 1}</td>
                <td className="px-3 py-2 text-slate-700">{move.reason}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                  {move.predicted.seconds.toFixed(1)} s
                  <span className="block text-xs text-slate-600">
                    downtime {Math.round(move.predicted.downtimeMs)} ms ·{" "}
                    {Math.round(move.predicted.transferMiB).toLocaleString("en")} MiB
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Can permission="apply-plan">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {!confirming ? (
            <button
              type="button"
              className={primaryButton}
              disabled={chosen.length === 0}
              onClick={() => setConfirming(true)}
            >
              {applyLabel}…
            </button>
          ) : (
            <>
              <span>
                Start {chosen.length} migration(s) in waves
                {maintenance ? ` and put ${maintenance} in maintenance` : ""}?
              </span>
              <button type="button" className={primaryButton} disabled={pending} onClick={apply}>
                {pending ? "Starting…" : "Yes, apply"}
              </button>
              <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
                Not now
              </button>
            </>
          )}
          {error && (
            <p role="alert" className="text-red-800">
              {error}
            </p>
          )}
        </div>
      </Can>
    </div>
  );
}
