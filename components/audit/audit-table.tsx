import { Badge } from "@/components/ui/badge";
import type { AuditRow } from "@/lib/audit/list";

const TONE = { ok: "green", refused: "amber", failed: "red" } as const;

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-700">No event matches these filters.</p>;
  return (
    <section aria-label="Audit events" className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            {["Time (UTC)", "Actor", "Action", "Target", "Outcome", "Detail", "Address"].map((label) => (
              <th key={label} scope="col" className="px-3 py-2 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-100 align-top last:border-0">
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {row.at.toISOString().slice(0, 19).replace("T", " ")}
              </td>
              <td className="px-3 py-2">
                {row.actor}
                {row.role && <span className="block text-xs text-slate-600">{row.role}</span>}
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.action}</td>
              <td className="px-3 py-2">{row.target}</td>
              <td className="px-3 py-2">
                <Badge tone={TONE[row.outcome as keyof typeof TONE] ?? "slate"}>{row.outcome}</Badge>
              </td>
              <td className="max-w-md break-words px-3 py-2 text-slate-700">{row.detail}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{row.address ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
