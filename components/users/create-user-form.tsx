"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/settings/form-field";
import { primaryButton } from "@/components/ui/buttons";
import type { ActionResult } from "@/lib/actions/result";
import { createUserAccount } from "@/lib/actions/users";
import { RoleSelect } from "./role-select";

/** A new local account: email, name, a first password the admin passes on, and a role. */
export function CreateUserForm() {
  const router = useRouter();
  const roleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<ActionResult<{ email: string }> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const answer = await createUserAccount(form);
      setResult(answer);
      if (!answer.ok) return;
      formRef.current?.reset();
      toast.success(`Created ${answer.data.email}`);
      router.refresh();
    });
  }

  const errors = result && !result.ok ? (result.fields ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      <FormField label="Email" name="email" type="email" autoComplete="off" required error={errors.email} />
      <FormField label="Name" name="name" autoComplete="off" required error={errors.name} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters; tell it to the user."
        error={errors.password}
      />
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={roleId} className="font-medium text-slate-800">
          Role
        </label>
        <RoleSelect id={roleId} name="role" />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </button>
        {result && !result.ok && !result.fields && (
          <p role="alert" className="text-sm text-red-800">
            {result.error}
          </p>
        )}
      </div>
    </form>
  );
}
