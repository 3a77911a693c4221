import type { ReactNode } from "react";
import { formatBytes } from "@/lib/units";

export interface HistoryRow {
  id: string;
  domain: string;
  targetName: string;
  source: string;
  target: string;
  kind: string;
  phase: string;
  durationMs: number | null;
  downtimeMs: number | null;
  hypervisorDowntimeMs: number | null;
  predictedSeconds: number | null;
  predictedDowntime: number | null;
  transferredBytes: number;
  startedBy: string;
  startedAt: Date;
  error: string | null;
}

const OUTCOME_TONE: Record<string, string> = {
  completed: "text-emerald-800",
  failed: "text-red-800",
  cancelled: "text-amber-900",
  "needs-attention": "text-red-800 font-semibold",
};

/**
 * The recorded migrations: who moved what where, how it ended, how long it took and paused, each
 * beside the dry run's prediction; the pause also as the hypervisor measured it, where it does (QEMU).
 */
export function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No migration recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            {[
              "Domain",
              "Source",
              "Target",
              "Kind",
              "Outcome",
              "Duration",
              "Downtime",
              "Moved",
              "Started by",
              "When",
            ].map((label) => (
              <th key={label} scope="col" className="px-3 py-2">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 font-medium">
                {row.domain === row.targetName ? row.domain : `${row.domain} → ${row.targetName}`}
              </td>
              <td className="px-3 py-2">{row.source}</td>
              <td className="px-3 py-2">{row.target}</td>
              <td className="px-3 py-2">{row.kind}</td>
              <td className={`px-3 py-2 ${OUTCOME_TONE[row.phase] ?? ""}`} title={row.error ?? undefined}>
                {row.phase}
                {row.error && (
                  <span className="block max-w-xs truncate text-xs text-slate-600">{row.error}</span>
                )}
              </td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">
                {row.durationMs === null ? "—" : `${(row.durationMs / 1000).toFixed(1)} s`}
                {row.predictedSeconds !== null && (
                  <Aside>predicted {row.predictedSeconds.toFixed(1)} s</Aside>
                )}
              </td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">
                <span title="from the guest's pause until the target said it runs (the agents' measure)">
                  {row.downtimeMs === null ? "—" : `${row.downtimeMs} ms`}
                </span>
                {row.hypervisorDowntimeMs !== null && (
                  <Aside title="the pause as the hypervisor measured it">
                    hypervisor {row.hypervisorDowntimeMs} ms
                  </Aside>
                )}
                {row.predictedDowntime !== null && (
                  <Aside>predicted {Math.round(row.predictedDowntime)} ms</Aside>
                )}
              </td>
              <td className="px-3 py-2 font-mono">{formatBytes(row.transferredBytes)}</td>
              <td className="px-3 py-2">{row.startedBy}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={row.startedAt.toISOString()}>
                  {row.startedAt.toISOString().replace("T", " ").slice(0, 19)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A second figure under a cell's own: what was predicted, or measured another way. */
function Aside({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <span className="block font-sans text-xs text-slate-600" title={title}>
      {children}
    </span>
  );
}
