"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useCluster } from "@/components/cluster/use-cluster";
import { CancelButton } from "@/components/migrate/cancel-button";
import type { ClusterSnapshot } from "@/lib/dashboard/snapshot";
import { activeMigrations } from "@/lib/dashboard/summary";
import { MigrationProgress } from "./migration-progress";

/** The migrations under way, live, each with its progress and a cancel that goes to its source. */
export function ActiveMigrations({ initial }: { initial: ClusterSnapshot }) {
  const { data: snapshot } = useCluster(initial);
  const migrations = activeMigrations(snapshot);
  useRefreshWhenOneEnds(migrations.map((migration) => migration.id));
  if (migrations.length === 0) return <p className="text-sm text-slate-600">No migration in progress.</p>;
  return (
    <ul className="space-y-4">
      {migrations.map((migration) => (
        <li key={migration.id} className="rounded border border-slate-200 bg-white p-4">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm">
            <p>
              <span className="font-semibold">{migration.domain}</span> {migration.kind} from{" "}
              {migration.source} to {migration.target}
              {migration.targetName !== migration.domain && ` as ${migration.targetName}`}
              {migration.phase === "needs-attention" && (
                <span className="ml-2 font-semibold text-red-800">needs attention: {migration.error}</span>
              )}
            </p>
            {migration.role === "source" &&
              ["precheck", "prepare", "transfer", "suspend"].includes(migration.phase) && (
                <CancelButton id={migration.id} source={migration.source} domain={migration.domain} />
              )}
          </div>
          <MigrationProgress migration={migration} />
        </li>
      ))}
    </ul>
  );
}

/** When a migration leaves the active list, the server-rendered parts (the history) are rendered again. */
function useRefreshWhenOneEnds(ids: string[]) {
  const router = useRouter();
  const previous = useRef<string[]>(ids);
  const key = ids.join(",");
  useEffect(() => {
    const current = key === "" ? [] : key.split(",");
    if (previous.current.some((id) => !current.includes(id))) router.refresh();
    previous.current = current;
  }, [key, router]);
}
