import { useEffect, useRef } from "react";
import { dangerButton, secondaryButton } from "@/components/ui/buttons";

/**
 * The second step of Remove: says what removing does and asks again. Focus starts on the safe
 * choice, and Escape keeps the agent.
 */
export function RemoveConfirmation({
  name,
  pending,
  onConfirm,
  onCancel,
}: {
  name: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <fieldset
      className="space-y-2 rounded border border-red-300 bg-red-50 p-3"
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <legend className="px-1 font-semibold text-red-900">Remove {name}?</legend>
      <p className="text-sm text-slate-800">
        The dashboard forgets this agent and its token; the agent itself keeps running. You can add it again
        later.
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => {
            if (!pending) onConfirm();
          }}
          aria-disabled={pending}
          className={dangerButton}
        >
          {pending ? "Removing…" : `Yes, remove ${name}`}
        </button>
        <button type="button" ref={keepRef} onClick={onCancel} disabled={pending} className={secondaryButton}>
          Keep it
        </button>
      </div>
    </fieldset>
  );
}
