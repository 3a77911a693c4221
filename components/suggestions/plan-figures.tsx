import type { Plan } from "@/lib/planner/plan-types";
import { formatDuration } from "@/lib/units";

/** The plan in figures: the cluster before and after, and what it costs. */
export function PlanFigures({ plan }: { plan: Plan }) {
  const { before, after } = plan.metrics;
  const points = (fraction: number) => `${(fraction * 100).toFixed(1)} pts`;
  const hottest = (metrics: Plan["metrics"]["before"]) =>
    metrics.hottest
      ? `${metrics.hottest.host} (CPU ${Math.round(metrics.hottest.cpu * 100)}%, memory ${Math.round(metrics.hottest.memory * 100)}%)`
      : "none";
  const rows: [string, string, string][] = [
    ["Imbalance of CPU use (std. dev.)", points(before.imbalance.cpu), points(after.imbalance.cpu)],
    ["Imbalance of memory use (std. dev.)", points(before.imbalance.memory), points(after.imbalance.memory)],
    ["Hottest host", hottest(before), hottest(after)],
    ["Hosts holding domains", String(before.hostsUsed), String(after.hostsUsed)],
  ];
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <table className="w-full rounded border border-slate-200 bg-white text-sm">
        <caption className="sr-only">The cluster now and after the plan</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Figure
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Now
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              After the plan
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, now, then]) => (
            <tr key={label} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-2 text-left font-normal text-slate-700">
                {label}
              </th>
              <td className="px-3 py-2 tabular-nums">{now}</td>
              <td className="px-3 py-2 font-medium tabular-nums">{then}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="grid grid-cols-2 content-start gap-3 rounded border border-slate-200 bg-white p-3 text-sm">
        <Figure label="Moves" value={`${plan.summary.moves} in ${plan.summary.waves} wave(s)`} />
        <Figure
          label="Data to send"
          value={`${Math.round(plan.summary.transferMiB).toLocaleString("en")} MiB`}
        />
        <Figure label="Predicted time" value={formatDuration(plan.summary.seconds)} />
        <Figure label="Cannot be placed" value={String(plan.summary.unplaceable)} />
      </dl>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
