"use client";

import { useActionState } from "react";
import { FormField } from "@/components/settings/form-field";
import { primaryButton } from "@/components/ui/buttons";
import { type SignInState, signIn } from "@/lib/actions/session";

/** Email and password; a refusal (wrong password, lockout) is said in words above the button. */
export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={state.email}
        required
        autoFocus
      />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" required />
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.error}
        </p>
      )}
      <button type="submit" className={`${primaryButton} w-full`} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
