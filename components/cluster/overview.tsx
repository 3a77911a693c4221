"use client";

import Link from "next/link";
import { ActiveMigrations } from "@/components/migrations/active-migrations";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";
import type { ClusterSnapshot } from "@/lib/dashboard/snapshot";
import { activeMigrations, clusterTotals, hostLoad } from "@/lib/dashboard/summary";
import { useCluster } from "./use-cluster";

/** Cluster totals, every host's CPU and memory, and the migrations under way; kept live. */
export function Overview({ initial }: { initial: ClusterSnapshot }) {
  const { data: snapshot } = useCluster(initial);
  const totals = clusterTotals(snapshot);
  const migrations = activeMigrations(snapshot);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Cluster overview</h1>
      <section aria-labelledby="totals" className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <h2 id="totals" className="sr-only">
          Cluster totals
        </h2>
        <Stat
          label="Hosts"
          value={`${totals.reachable} / ${totals.hosts} reachable`}
          warn={totals.reachable < totals.hosts}
        />
        <Stat label="Hot hosts" value={String(totals.hot)} warn={totals.hot > 0} />
        <Stat label="Domains" value={`${totals.activeDomains} active of ${totals.domains}`} />
        <Stat label="Migrations" value={`${migrations.length} in progress`} />
        <div className="col-span-2 rounded border border-slate-200 bg-white p-4 md:col-span-2">
          <UsageBar
            label="CPU (strands' worth used)"
            used={totals.cpuUsed}
            total={totals.strandsTotal}
            unit="strands"
          />
        </div>
        <div className="col-span-2 rounded border border-slate-200 bg-white p-4 md:col-span-2">
          <UsageBar
            label="Memory"
            used={totals.memoryUsedMiB / 1024}
            total={totals.memoryTotalMiB / 1024}
            unit="GiB"
          />
        </div>
      </section>

      <section aria-labelledby="hosts-heading">
        <h2 id="hosts-heading" className="mb-3 text-lg font-semibold">
          Hosts
        </h2>
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {snapshot.hosts.map(hostLoad).map((load) => (
            <li
              key={load.name}
              className={`rounded border bg-white p-4 ${load.hot ? "border-red-400" : "border-slate-200"}`}
            >
              <div className="mb-2 flex items-center justify-between">
                <Link href={`/hosts/${load.name}`} className="font-semibold text-sky-800 hover:underline">
                  {load.name}
                </Link>
                {!load.reachable && <Badge tone="red">unreachable</Badge>}
                {load.hot && <Badge tone="red">hot</Badge>}
              </div>
              {load.reachable ? (
                <div className="space-y-2">
                  <UsageBar
                    label="CPU"
                    used={load.cpuUsed}
                    total={load.strandsTotal}
                    unit="strands"
                    hot={load.hot}
                  />
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
          ))}
        </ul>
      </section>

      <section aria-labelledby="migrations-heading">
        <h2 id="migrations-heading" className="mb-3 text-lg font-semibold">
          Migrations in progress
        </h2>
        <ActiveMigrations initial={initial} />
      </section>
    </div>
  );
}

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={`rounded border bg-white p-4 ${warn ? "border-amber-400" : "border-slate-200"}`}>
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-lg font-semibold">{value}</p>
    </div>
  );
}
