"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useActiveMigrations } from "@/components/cluster/live-queries";
import { CancelButton } from "@/components/migrate/cancel-button";
import type { MigrationsView } from "@/lib/dashboard/views";
import type { MigrationStatus } from "@/lib/schemas/migration";
import { MigrationProgress } from "./migration-progress";

/** The migrations page's list: its own live query of the migrations under way. */
export function LiveActiveMigrations({ initial }: { initial: MigrationsView }) {
  const { data } = useActiveMigrations(initial);
  return <ActiveMigrations migrations={data.migrations} />;
}

/** The migrations under way, each with its progress and a cancel that goes to its source. */
export function ActiveMigrations({ migrations }: { migrations: MigrationStatus[] }) {
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
