import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { HotResources } from "@/lib/dashboard/hot-resources";
import type { HostView } from "@/lib/dashboard/snapshot";
import { Fact, Facts } from "./facts";
import { HostState } from "./host-state";
import { type Maintenance, MaintenanceControl } from "./maintenance-control";

/** The host's name and identity, and the two things that stop migrations: no answer, or a pending reconfiguration. */
export function HostHeader({
  view,
  hot,
  maintenance,
}: {
  view: HostView;
  hot: HotResources;
  maintenance: Maintenance | null;
}) {
  const host = view.host;
  return (
    <header className="space-y-4">
      <p className="text-sm">
        <Link href="/hosts" className="text-sky-800 hover:underline focus-visible:outline-2">
          ← All hosts
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{view.name}</h1>
        {/* Maintenance shows in its own control beside. */}
        <HostState reachable={view.reachable && host !== null} hot={hot} maintenance={false} />
        {host?.delayedReconfig && <Badge tone="amber">delayed reconfiguration</Badge>}
        <MaintenanceControl host={view.name} maintenance={maintenance} />
      </div>
      <Facts className="max-w-3xl md:grid-cols-[auto_1fr_auto_1fr]">
        <Fact label="Agent" mono>
          {view.url}
        </Fact>
        {host && (
          <>
            <Fact label="Hypervisor">
              {host.hypervisor.kind} {host.hypervisor.version}{" "}
              <span className="text-slate-600">({host.driver} driver)</span>
            </Fact>
            <Fact label="CPU">
              {host.cpu.model} <span className="font-mono tabular-nums">{host.cpu.mhz} MHz</span>
            </Fact>
            <Fact label="Subnet" mono>
              {host.subnet ?? <span className="font-sans text-slate-600">not reported</span>}
            </Fact>
          </>
        )}
      </Facts>
      {host?.delayedReconfig && (
        <div
          role="note"
          className="rounded border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          <p className="font-semibold">Warning: a delayed reconfiguration is pending on this host.</p>
          <p>
            Migrations to or from it are refused (<code>DELAYED_RECONFIG</code>) until the reconfiguration
            completes.
          </p>
        </div>
      )}
      {!host && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">
            The agent does not answer, so this host&apos;s resources are unknown.
          </p>
          <p className="mt-1">
            Error: <span className="font-mono">{view.error ?? "no answer"}</span>
          </p>
          <p className="mt-1">This page keeps asking and fills in as soon as the agent answers again.</p>
        </div>
      )}
    </header>
  );
}
