import Link from "next/link";
import { memo } from "react";
import { LinkPending } from "@/components/ui/link-pending";
import type { DomainRow as Row } from "@/lib/dashboard/domain-rows";
import { formatUptime } from "@/lib/dashboard/format-uptime";
import { formatSizeMiB } from "@/lib/units";
import { DomainFlags } from "./domain-flags";
import { domainHref, hostHref } from "./hrefs";
import { MigrationCell } from "./migration-cell";
import { StateBadge } from "./state-badge";

const cell = "px-3 py-2 whitespace-nowrap";
const figure = `${cell} text-right font-mono tabular-nums`;
const link = "text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-700";

/**
 * One domain on one host, with the columns of `ldm list` and where its migration stands. Memoised:
 * a poll keeps unchanged rows' objects (structural sharing), so only rows that moved re-render.
 */
export const DomainRow = memo(function DomainRow({ row }: { row: Row }) {
  const { host } = row;
  return (
    <tr className="border-t border-slate-200 align-top hover:bg-slate-50">
      <th scope="row" className={`${cell} text-left font-semibold`}>
        <Link href={domainHref(row.name, host)} className={link}>
          {row.name}
          <LinkPending />
        </Link>
      </th>
      <td className={cell}>
        <Link href={hostHref(host)} className={link}>
          {host}
          <LinkPending />
        </Link>
      </td>
      <td className={cell}>
        <StateBadge state={row.state} />
      </td>
      <td className={cell}>
        <DomainFlags flags={row.flags} />
      </td>
      <td className={figure}>{row.consolePort ?? "-"}</td>
      <td className={figure}>{row.vcpus}</td>
      <td className={figure}>{formatSizeMiB(row.memoryMiB)}</td>
      {/* Only a running domain uses its strands; a bound copy's 0% would read as an idle guest. */}
      <td className={figure}>{row.state === "active" ? `${row.utilization.toFixed(1)}%` : "-"}</td>
      <td className={figure}>{formatUptime(row.uptimeSeconds)}</td>
      <td className={`${cell} text-sm`}>
        <MigrationCell row={row} />
      </td>
    </tr>
  );
});
