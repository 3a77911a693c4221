"use client";

import { type FormEvent, startTransition, useActionState, useRef, useState, useTransition } from "react";
import { Can } from "@/components/auth/role-context";
import { dangerOutlineButton, primaryButton } from "@/components/ui/buttons";
import { addRuleAction, removeRuleAction } from "@/lib/actions/planner-settings";
import type { Rule } from "@/lib/planner/snapshot-schema";
import { FormField } from "./form-field";

export interface RuleRow {
  id: string;
  rule: Rule;
  note: string;
}

const KINDS = [
  { value: "affinity", label: "Keep together (affinity)" },
  { value: "anti-affinity", label: "Keep apart (anti-affinity)" },
  { value: "pin", label: "Pin to hosts" },
  { value: "exclude", label: "Never move (exclude)" },
] as const;

function describe(rule: Rule): string {
  switch (rule.kind) {
    case "affinity":
      return `keep ${rule.domains.join(", ")} on one host`;
    case "anti-affinity":
      return `keep ${rule.domains.join(", ")} on different hosts`;
    case "pin":
      return `${rule.domain} runs only on ${rule.hosts.join(", ")}`;
    case "exclude":
      return `never move ${rule.domain}`;
  }
}

/** The placement rules every plan obeys: listed, and added or removed by the roles that may. */
export function RulesSection({ rules }: { rules: RuleRow[] }) {
  return (
    <div className="space-y-4">
      {rules.length === 0 ? (
        <p className="text-sm text-slate-700">
          No rule yet: plans may put any domain on any host that passes the pre-checks.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded border border-slate-200"
          aria-label="Placement rules"
        >
          {rules.map((row) => (
            <RuleItem key={row.id} row={row} />
          ))}
        </ul>
      )}
      <Can permission="manage-settings">
        <RuleForm />
      </Can>
    </div>
  );
}

function RuleItem({ row }: { row: RuleRow }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const remove = () =>
    start(async () => {
      const result = await removeRuleAction({ id: row.id });
      if (!result.ok) setError(result.error);
    });
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
      <span>
        {describe(row.rule)}
        {row.note && <span className="text-slate-600"> — {row.note}</span>}
      </span>
      <span className="flex items-center gap-2">
        {error && (
          <span role="alert" className="text-red-800">
            {error}
          </span>
        )}
        <Can permission="manage-settings">
          <button type="button" className={dangerOutlineButton} disabled={pending} onClick={remove}>
            Remove<span className="sr-only"> the rule: {describe(row.rule)}</span>
          </button>
        </Can>
      </span>
    </li>
  );
}

function RuleForm() {
  const [kind, setKind] = useState<string>("affinity");
  const formRef = useRef<HTMLFormElement>(null);
  const [result, submit, pending] = useActionState(
    async (_previous: Awaited<ReturnType<typeof addRuleAction>> | null, form: FormData) => {
      const answer = await addRuleAction(Object.fromEntries(form));
      if (answer.ok) formRef.current?.reset();
      return answer;
    },
    null,
  );
  const errors = result && !result.ok ? (result.fields ?? {}) : {};
  const oneDomain = kind === "pin" || kind === "exclude";
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => submit(form));
  }
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} aria-label="Add a rule" className="space-y-3">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-4">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">Rule</span>
          <select
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value)}
            className="rounded border border-slate-400 bg-white p-2"
          >
            {KINDS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <FormField
          label={oneDomain ? "Domain" : "Domains"}
          name="domains"
          autoComplete="off"
          spellCheck={false}
          placeholder={oneDomain ? "db01" : "app01, app02"}
          hint={oneDomain ? "One domain name." : "Two or more names, separated by commas."}
          error={
            errors.domains ??
            errors.domain ??
            Object.entries(errors).find(([key]) => key.startsWith("domains."))?.[1]
          }
        />
        {kind === "pin" && (
          <FormField
            label="Hosts"
            name="hosts"
            autoComplete="off"
            spellCheck={false}
            placeholder="h1, h2"
            hint="The hosts it may run on."
            error={errors.hosts ?? Object.entries(errors).find(([key]) => key.startsWith("hosts."))?.[1]}
          />
        )}
        <FormField
          label="Note"
          name="note"
          autoComplete="off"
          maxLength={200}
          hint="Why, for the next admin."
          error={errors.note}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" aria-disabled={pending} className={primaryButton}>
          {pending ? "Adding…" : "Add rule"}
        </button>
        <p role="status" aria-live="polite" className="text-sm">
          {!pending && result && !result.ok && (
            <span className="text-red-800">
              <strong>Not added:</strong> {result.error}
            </span>
          )}
          {!pending && result?.ok && <span className="text-emerald-800">Rule added.</span>}
        </p>
      </div>
    </form>
  );
}
