import Link from "next/link";
import { memo } from "react";
import { Badge } from "@/components/ui/badge";
import { LinkPending } from "@/components/ui/link-pending";
import { UsageBar } from "@/components/ui/usage-bar";
import type { OverviewHost } from "@/lib/dashboard/views";

/**
 * One host on the overview. Memoised: the live query keeps an unchanged host's object from one poll
 * to the next (TanStack Query's structural sharing), so a 200-host overview re-renders only the
 * cards whose figures moved.
 */
export const HostCard = memo(function HostCard({ load }: { load: OverviewHost }) {
  return (
    <li className={`rounded border bg-white p-4 ${load.hot ? "border-red-400" : "border-slate-200"}`}>
      <div className="mb-2 flex items-center justify-between">
        <Link
          href={`/hosts/${encodeURIComponent(load.name)}`}
          className="font-semibold text-sky-800 hover:underline"
        >
          {load.name}
          <LinkPending />
        </Link>
        <span className="inline-flex gap-1">
          {!load.reachable && <Badge tone="red">unreachable</Badge>}
          {load.hot && <Badge tone="red">hot</Badge>}
          {load.maintenance && <Badge tone="amber">in maintenance</Badge>}
        </span>
      </div>
      {load.reachable ? (
        <div className="space-y-2">
          <UsageBar label="CPU" used={load.cpuUsed} total={load.strandsTotal} unit="strands" hot={load.hot} />
          <UsageBar
            label="Memory"
            used={load.memoryUsedMiB / 1024}
            total={load.memoryTotalMiB / 1024}
            unit="GiB"
            hot={load.hot}
          />
          <p className="text-xs text-slate-600">{load.domains} domains</p>
        </div>
      ) : (
        <p className="text-sm text-red-700">{load.error}</p>
      )}
    </li>
  );
});
