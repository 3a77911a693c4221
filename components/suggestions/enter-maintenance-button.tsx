"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Can } from "@/components/auth/role-context";
import { primaryButton } from "@/components/ui/buttons";
import { enterMaintenanceMode } from "@/lib/actions/planner";

/** Maintenance for a host with nothing to move; one whose domains cannot all be placed says so instead. */
export function EnterMaintenanceButton({ host, empty }: { host: string; empty: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!empty)
    return (
      <p className="text-sm text-red-800">
        {host} cannot be emptied: the domains above cannot be placed on any other host.
      </p>
    );
  const enter = () =>
    startTransition(async () => {
      const result = await enterMaintenanceMode({ host });
      if (result.ok) router.push(`/hosts/${encodeURIComponent(host)}`);
      else setError(result.error);
    });
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <p>{host} holds no domain that needs to move.</p>
      <Can permission="maintenance">
        <button type="button" className={primaryButton} disabled={pending} onClick={enter}>
          {pending ? "Entering…" : `Put ${host} in maintenance`}
        </button>
      </Can>
      {error && (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
