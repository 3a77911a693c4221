import Link from "next/link";
import { LinkPending } from "@/components/ui/link-pending";
import { UsageBar } from "@/components/ui/usage-bar";
import type { HostRow } from "@/lib/dashboard/host-rows";
import { formatSizeMiB } from "@/lib/units";
import { HostState } from "./host-state";

/** Columns after the name and the state: an unreachable host's error spans them. */
export const FIGURE_COLUMNS = 7;

const figure = "px-2 py-2 text-right font-mono tabular-nums whitespace-nowrap";

export function hostHref(name: string): string {
  return `/hosts/${encodeURIComponent(name)}`;
}

/** One host in the hosts table; an unreachable host keeps its row, with the agent's error. */
export function HostTableRow({ row }: { row: HostRow }) {
  return (
    <tr className={`border-t border-slate-200 align-middle ${row.reachable ? "" : "bg-red-50"}`}>
      <th scope="row" className="px-2 py-2 text-left font-semibold whitespace-nowrap">
        <Link href={hostHref(row.name)} className="text-sky-800 hover:underline focus-visible:outline-2">
          {row.name}
          <LinkPending />
        </Link>
      </th>
      <td className="px-2 py-2">
        <HostState reachable={row.reachable} hot={row.hotBy} maintenance={row.maintenance} />
      </td>
      {row.reachable ? <Figures row={row} /> : <ErrorCell error={row.error} />}
    </tr>
  );
}

function Figures({ row }: { row: HostRow }) {
  return (
    <>
      <td className="px-2 py-2 whitespace-nowrap">
        <span className="block">{row.cpuModel}</span>
        <span className="font-mono text-xs text-slate-600 tabular-nums">{row.cpuMhz} MHz</span>
      </td>
      <td className={figure}>
        {row.strandsFree} / {row.strandsTotal}
      </td>
      <td className="min-w-44 px-2 py-2 font-mono tabular-nums">
        <UsageBar
          label=""
          used={row.cpuUsed ?? 0}
          total={row.strandsTotal ?? 0}
          unit=""
          hot={row.hotBy.cpu}
        />
      </td>
      <td className={figure}>
        {formatSizeMiB(row.memoryFreeMiB ?? 0)} / {formatSizeMiB(row.memoryTotalMiB ?? 0)}
      </td>
      <td className={figure}>{formatSizeMiB(row.largestFreeBlockMiB ?? 0)}</td>
      <td className={figure}>
        {row.consolePortsFree === null ? (
          <span className="font-sans text-slate-600">no console</span>
        ) : (
          `${row.consolePortsFree} / ${row.consolePortsTotal}`
        )}
      </td>
      <td className={figure}>
        {row.domainsActive} / {row.domainsTotal}
      </td>
    </>
  );
}

function ErrorCell({ error }: { error: string | null }) {
  return (
    <td colSpan={FIGURE_COLUMNS} className="px-2 py-2 text-sm text-red-800">
      <span className="font-semibold">Agent not answering:</span> {error ?? "no answer"}
    </td>
  );
}
