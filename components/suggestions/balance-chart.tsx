import { Badge } from "@/components/ui/badge";
import type { HostBalance } from "@/lib/dashboard/host-balance";

/**
 * Every host's CPU and memory use now (light bar) and after the plan (dark bar), with the cluster's
 * mean as a line: the imbalance a plan removes is the bars drawing in towards the line.
 */
export function BalanceChart({
  hosts,
  mean,
}: {
  hosts: HostBalance[];
  mean: { cpu: number; memory: number };
}) {
  return (
    <figure className="rounded border border-slate-200 bg-white p-4">
      <figcaption className="mb-3 flex flex-wrap items-center gap-4 text-sm text-slate-700">
        <span className="font-semibold text-slate-900">Use per host</span>
        <Legend tone="bg-slate-300" label="now" />
        <Legend tone="bg-sky-700" label="after the plan" />
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-0.5 bg-amber-600" /> mean after
        </span>
      </figcaption>
      <table className="w-full text-xs">
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="w-28 py-1 font-medium">
              Host
            </th>
            <th scope="col" className="py-1 font-medium">
              CPU used
            </th>
            <th scope="col" className="py-1 pl-4 font-medium">
              Memory held
            </th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <tr key={host.name} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-2 text-left font-medium">
                {host.name} {host.maintenance && <Badge tone="amber">maintenance</Badge>}
              </th>
              <td className="py-1">
                <Pair before={host.cpuBefore} after={host.cpuAfter} mean={mean.cpu} />
              </td>
              <td className="py-1 pl-4">
                <Pair before={host.memoryBefore} after={host.memoryAfter} mean={mean.memory} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function Legend({ tone, label }: { tone: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${tone}`} /> {label}
    </span>
  );
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

function Pair({ before, after, mean }: { before: number; after: number; mean: number }) {
  const changed = Math.round(before * 100) !== Math.round(after * 100);
  return (
    <div className="flex items-center gap-2">
      <div aria-hidden="true" className="relative h-4 flex-1 rounded bg-slate-100">
        <div
          className="absolute inset-y-0 left-0 h-2 rounded-t bg-slate-300"
          style={{ width: percent(Math.min(1, before)) }}
        />
        <div
          className="absolute bottom-0 left-0 h-2 rounded-b bg-sky-700"
          style={{ width: percent(Math.min(1, after)) }}
        />
        <div className="absolute inset-y-0 w-0.5 bg-amber-600" style={{ left: percent(Math.min(1, mean)) }} />
      </div>
      <span className="w-24 shrink-0 text-right tabular-nums text-slate-700">
        {changed ? `${percent(before)} → ${percent(after)}` : percent(before)}
      </span>
    </div>
  );
}
