"use client";

import { ActiveMigrations } from "@/components/migrations/active-migrations";
import { UsageBar } from "@/components/ui/usage-bar";
import type { OverviewView } from "@/lib/dashboard/views";
import { HostCard } from "./host-card";
import { useOverview } from "./live-queries";

/** Cluster totals, every host's CPU and memory, and the migrations under way; kept live. */
export function Overview({ initial }: { initial: OverviewView }) {
  const { data } = useOverview(initial);
  const { totals, migrations } = data;
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
          {data.hosts.map((load) => (
            <HostCard key={load.name} load={load} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="migrations-heading">
        <h2 id="migrations-heading" className="mb-3 text-lg font-semibold">
          Migrations in progress
        </h2>
        <ActiveMigrations migrations={migrations} />
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
