"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useEffectEvent, useRef } from "react";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import { addAgent, updateAgent } from "@/lib/actions/agents";
import type { ActionResult } from "@/lib/actions/result";
import type { RegisteredAgent } from "@/lib/dashboard/agents";
import { TOKEN_MIN_LENGTH } from "@/lib/validations/agent";
import { FormField } from "./form-field";

type Result = ActionResult<RegisteredAgent> | null;

/**
 * Adds an agent, or edits one when `agent` is given. The server tests the agent before saving,
 * so saving takes as long as the agent needs to answer. Fields keep what was typed when saving
 * fails (the form is submitted by hand, not reset by React), and the first wrong field gets focus.
 */
export function AgentForm({
  agent,
  onSaved,
  onCancel,
}: {
  agent?: RegisteredAgent;
  onSaved?: (agent: RegisteredAgent) => void;
  onCancel?: () => void;
}) {
  const editing = agent !== undefined;
  const [result, submit, pending] = useActionState(async (_previous: Result, form: FormData) => {
    const input = Object.fromEntries(form);
    return editing ? updateAgent(input) : addAgent(input);
  }, null);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const settled = useEffectEvent((current: NonNullable<Result>) => {
    if (!current.ok) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } else if (onSaved) {
      onSaved(current.data);
    } else {
      formRef.current?.reset();
    }
  });
  useEffect(() => {
    if (result) settled(result);
  }, [result]);

  useEffect(() => {
    if (editing) nameRef.current?.focus();
  }, [editing]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(() => submit(form));
  }

  const errors = result && !result.ok ? (result.fields ?? {}) : {};
  const subject = agent ? agent.name : "the agent";
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === "Escape" && onCancel) onCancel();
      }}
      aria-label={agent ? `Edit agent ${agent.name}` : "Add an agent"}
      className="space-y-4"
    >
      {agent && <input type="hidden" name="id" value={agent.id} />}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <FormField
          label="Name"
          name="name"
          inputRef={nameRef}
          defaultValue={agent?.name}
          required
          maxLength={63}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          hint="The host name the agent reports, like host1."
          error={errors.name}
        />
        <FormField
          label="URL"
          name="url"
          type="url"
          inputMode="url"
          defaultValue={agent?.url}
          required
          autoComplete="off"
          spellCheck={false}
          placeholder="http://host1:7000"
          hint="The agent's base URL, with http:// or https://."
          error={errors.url}
        />
        <FormField
          label="Token"
          name="token"
          type="password"
          required={!editing}
          minLength={TOKEN_MIN_LENGTH}
          autoComplete="off"
          spellCheck={false}
          hint={
            editing
              ? "Leave empty to keep the current token."
              : `The agent's bearer token, at least ${TOKEN_MIN_LENGTH} characters.`
          }
          error={errors.token}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" aria-disabled={pending} className={primaryButton}>
          {pending ? "Testing and saving…" : editing ? "Save changes" : "Add agent"}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className={secondaryButton}>
            Cancel
          </button>
        )}
        <p role="status" aria-live="polite" className="text-sm">
          {pending && `Testing ${subject}…`}
          {!pending && result && !result.ok && (
            <span className="text-red-800">
              <strong>Not saved:</strong> {result.error}
            </span>
          )}
          {!pending && result?.ok && !editing && (
            <span className="text-emerald-800">
              <strong>Added</strong> {result.data.name} ({result.data.url}).
            </span>
          )}
        </p>
      </div>
    </form>
  );
}
