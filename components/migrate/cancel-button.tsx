"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Can } from "@/components/auth/role-context";
import { cancelMigration } from "@/lib/actions/migrations";

/** Cancel, asked once more before it goes to the source agent; shown to roles that may cancel. */
export function CancelButton(props: { id: string; source: string; domain: string }) {
  return (
    <Can permission="cancel-migration">
      <ConfirmCancel {...props} />
    </Can>
  );
}

function ConfirmCancel({ id, source, domain }: { id: string; source: string; domain: string }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const cancel = () =>
    startTransition(async () => {
      const result = await cancelMigration({ id, source });
      setConfirming(false);
      if (result.ok) toast.success(`Cancelled: ${domain} runs on ${source}`);
      setMessage(result.ok ? null : result.error);
    });
  return (
    <span className="inline-flex items-center gap-2 text-sm">
      {!confirming ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded border border-red-300 px-3 py-1 text-red-800 hover:bg-red-50"
        >
          Cancel migration
        </button>
      ) : (
        <>
          <span>Cancel the migration of {domain}?</span>
          <button
            type="button"
            onClick={cancel}
            disabled={pending}
            className="rounded bg-red-700 px-3 py-1 font-semibold text-white disabled:bg-slate-400"
          >
            {pending ? "Cancelling…" : "Yes, cancel"}
          </button>
          <button
            type="button"
            onClick={() => setConfirming(false)}
            className="rounded border border-slate-300 px-3 py-1"
          >
            Keep it running
          </button>
        </>
      )}
      {message && (
        <span role="alert" className="text-red-800">
          {message}
        </span>
      )}
    </span>
  );
}
