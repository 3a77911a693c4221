import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatUptime } from "@/lib/dashboard/format-uptime";
import type { Domain, DomainState } from "@/lib/schemas/domain";
import { formatSizeMiB } from "@/lib/units";
import { ScrollRegion } from "./scroll-region";

const STATE_TONE: Record<DomainState, "green" | "sky" | "slate" | "amber"> = {
  active: "green",
  bound: "sky",
  inactive: "slate",
  suspended: "amber",
};

const HEADERS: { label: string; numeric?: boolean; title?: string }[] = [
  { label: "Name" },
  { label: "State" },
  { label: "Flags", title: "ldm FLAGS; 6th character: s migration source, t target, e error" },
  { label: "VCPU", numeric: true },
  { label: "Memory", numeric: true },
  { label: "Util", numeric: true },
  { label: "Uptime", numeric: true },
  { label: "Console", numeric: true },
];

const figure = "px-3 py-2 text-right font-mono tabular-nums whitespace-nowrap";

/** The host's guests, with the columns of `ldm list` admins read every day. */
export function HostDomains({ domains }: { domains: Domain[] }) {
  return (
    <section aria-labelledby="host-domains" className="space-y-3">
      <h2 id="host-domains" className="text-lg font-semibold">
        Domains <span className="font-normal text-slate-600">({domains.length})</span>
      </h2>
      {domains.length === 0 ? (
        <p className="text-sm text-slate-600">No domain on this host.</p>
      ) : (
        <ScrollRegion
          label="Domains table"
          className="overflow-x-auto rounded border border-slate-200 bg-white"
        >
          <table className="min-w-full text-sm">
            <caption className="sr-only">Domains on this host</caption>
            <thead className="bg-slate-100">
              <tr>
                {HEADERS.map((header) => (
                  <th
                    key={header.label}
                    scope="col"
                    title={header.title}
                    className={`px-3 py-2 font-medium ${header.numeric ? "text-right" : "text-left"}`}
                  >
                    {header.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {domains.map((domain) => (
                <DomainRow key={domain.name} domain={domain} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function DomainRow({ domain }: { domain: Domain }) {
  return (
    <tr className="border-t border-slate-200">
      <th scope="row" className="px-3 py-2 text-left font-semibold whitespace-nowrap">
        <Link
          href={`/domains/${encodeURIComponent(domain.name)}`}
          className="text-sky-800 hover:underline focus-visible:outline-2"
        >
          {domain.name}
        </Link>
        {domain.migration && (
          <span className="ml-2 font-normal">
            <Badge tone="sky">{`migrating (${domain.migration.role}, ${domain.migration.phase})`}</Badge>
          </span>
        )}
      </th>
      <td className="px-3 py-2">
        <Badge tone={STATE_TONE[domain.state]}>{domain.state}</Badge>
      </td>
      <td className="px-3 py-2 font-mono whitespace-pre">{domain.flags}</td>
      <td className={figure}>{domain.vcpus}</td>
      <td className={figure}>{formatSizeMiB(domain.memoryMiB)}</td>
      <td className={figure}>{domain.state === "active" ? `${domain.utilization.toFixed(1)}%` : "-"}</td>
      <td className={figure}>{formatUptime(domain.uptimeSeconds)}</td>
      <td className={figure}>{domain.consolePort ?? "-"}</td>
    </tr>
  );
}
