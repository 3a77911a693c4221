"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Can } from "@/components/auth/role-context";
import { Badge } from "@/components/ui/badge";
import { secondaryButton } from "@/components/ui/buttons";
import { leaveMaintenanceMode } from "@/lib/actions/planner";

export interface Maintenance {
  since: string;
  startedBy: string;
}

/**
 * Maintenance mode: entering it shows the evacuate plan for approval (on the suggestions page);
 * while in it, plans put nothing on the host; leaving it is one click.
 */
export function MaintenanceControl({ host, maintenance }: { host: string; maintenance: Maintenance | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!maintenance)
    return (
      <Can permission="maintenance">
        <Link href={`/suggestions?maintenance=${encodeURIComponent(host)}`} className={secondaryButton}>
          Maintenance mode…
        </Link>
      </Can>
    );
  const leave = () =>
    startTransition(async () => {
      const result = await leaveMaintenanceMode({ host });
      if (result.ok) router.refresh();
      else setError(result.error);
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      <Badge tone="amber">in maintenance</Badge>
      <span className="text-slate-600">
        since {maintenance.since.slice(0, 16).replace("T", " ")} UTC, by {maintenance.startedBy}
      </span>
      <Can permission="maintenance">
        <button type="button" className={secondaryButton} disabled={pending} onClick={leave}>
          {pending ? "Leaving…" : "Leave maintenance"}
        </button>
      </Can>
      {error && (
        <span role="alert" className="text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
