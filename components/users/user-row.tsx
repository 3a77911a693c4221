"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { toast } from "sonner";
import { dangerButton, dangerOutlineButton, secondaryButton } from "@/components/ui/buttons";
import { removeUserAccount, setUserRole } from "@/lib/actions/users";
import { RoleSelect } from "./role-select";

export interface UserRowData {
  id: string;
  email: string;
  name: string;
  role: string | null;
  createdAt: string;
}

/** One account: its role changed in place, removal asked once more. Refusals are said in the row. */
export function UserRow({ user, self }: { user: UserRowData; self: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const settle = (answer: { ok: true } | { ok: false; error: string }, success: string) => {
    setError(answer.ok ? null : answer.error);
    if (!answer.ok) return;
    toast.success(success);
    router.refresh();
  };
  function changeRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get("role"));
    startTransition(async () =>
      settle(await setUserRole({ userId: user.id, role }), `${user.email} is now ${role}`),
    );
  }
  const remove = () =>
    startTransition(async () => {
      setConfirming(false);
      settle(await removeUserAccount({ userId: user.id }), `Removed ${user.email}`);
    });

  return (
    <tr className="border-b border-slate-100 align-top last:border-0">
      <td className="px-3 py-2 font-medium">
        {user.email}
        {self && <span className="ml-2 text-xs font-normal text-slate-600">(you)</span>}
        {error && (
          <p role="alert" className="mt-1 font-normal text-red-800">
            {error}
          </p>
        )}
      </td>
      <td className="px-3 py-2">{user.name}</td>
      <td className="px-3 py-2">
        <form onSubmit={changeRole} className="flex items-center gap-2">
          <label htmlFor={`role-${user.id}`} className="sr-only">
            Role of {user.email}
          </label>
          <RoleSelect id={`role-${user.id}`} name="role" defaultValue={user.role ?? undefined} />
          <button type="submit" className={secondaryButton} disabled={pending}>
            Change role
          </button>
        </form>
      </td>
      <td className="whitespace-nowrap px-3 py-2 tabular-nums">
        {user.createdAt.slice(0, 16).replace("T", " ")}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right">
        {!confirming ? (
          <button
            type="button"
            className={dangerOutlineButton}
            disabled={pending}
            onClick={() => setConfirming(true)}
            aria-label={`Remove ${user.email}`}
          >
            Remove
          </button>
        ) : (
          <span className="inline-flex items-center gap-2">
            <button type="button" className={dangerButton} disabled={pending} onClick={remove}>
              Yes, remove {user.email}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
