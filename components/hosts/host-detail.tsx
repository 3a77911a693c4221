"use client";

import Link from "next/link";
import { type HostDetailData, useHost } from "@/components/cluster/live-queries";
import { hotResources } from "@/lib/dashboard/hot-resources";
import { FreeResources } from "./free-resources";
import { HostDomains } from "./host-domains";
import { HostHeader } from "./host-header";
import { HostIo } from "./host-io";
import { LiveNotice } from "./live-notice";
import type { Maintenance } from "./maintenance-control";
import { MemoryMap } from "./memory-map";

/** One host: identity, free resources, memory layout, I/O and domains, kept live. */
export function HostDetail({
  name,
  initial,
  maintenance,
}: {
  name: string;
  initial: HostDetailData;
  maintenance: Maintenance | null;
}) {
  const { data, error } = useHost(name, initial);
  const view = data.view;
  if (!view) return <HostGone name={name} />;
  const host = view.host;
  const hot = hotResources(host);
  return (
    <div className="space-y-8">
      <LiveNotice error={error} takenAt={data.takenAt} />
      <HostHeader view={view} hot={hot} maintenance={maintenance} />
      {host && (
        <>
          <FreeResources host={host} hot={hot} />
          <MemoryMap memory={host.memory} />
          <HostIo host={host} />
          <HostDomains domains={view.domains} />
        </>
      )}
    </div>
  );
}

/** The agent was removed while this page was open: say so rather than show stale figures. */
function HostGone({ name }: { name: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{name}</h1>
      <p role="alert" className="text-slate-700">
        This host is no longer registered.{" "}
        <Link href="/hosts" className="text-sky-800 underline">
          Back to all hosts
        </Link>
        .
      </p>
    </div>
  );
}
