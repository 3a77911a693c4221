"use client";

import { type FormEvent, startTransition, useActionState } from "react";
import { useCan } from "@/components/auth/role-context";
import { primaryButton } from "@/components/ui/buttons";
import { savePlannerSettingsAction } from "@/lib/actions/planner-settings";
import type { PlannerSettingsInput } from "@/lib/validations/planner";
import { FormField } from "./form-field";

/**
 * The planner's saved settings: what every suggestion uses unless the suggestions page overrides it.
 * Roles that may not change them see the same fields, disabled.
 */
export function PlannerSettingsForm({ settings }: { settings: PlannerSettingsInput }) {
  const editable = useCan("manage-settings");
  const [result, submit, pending] = useActionState(
    async (_previous: Awaited<ReturnType<typeof savePlannerSettingsAction>> | null, form: FormData) =>
      savePlannerSettingsAction(Object.fromEntries(form)),
    null,
  );
  const errors = result && !result.ok ? (result.fields ?? {}) : {};
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => submit(form));
  }
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Planner settings" className="space-y-4">
      <fieldset disabled={!editable} className="grid grid-cols-1 gap-4 md:grid-cols-3 xl:grid-cols-5">
        <FormField
          label="Aggressiveness (1-5)"
          name="aggressiveness"
          type="number"
          min={1}
          max={5}
          step={1}
          defaultValue={settings.aggressiveness}
          hint="1 moves only for large imbalances; 5 evens out small ones too."
          error={errors.aggressiveness}
        />
        <FormField
          label="CPU overcommit"
          name="cpuOvercommit"
          type="number"
          min={1}
          max={8}
          step={0.1}
          defaultValue={settings.cpuOvercommit}
          hint="Allowed virtual CPUs per strand on a host."
          error={errors.cpuOvercommit}
        />
        <FormField
          label="Migrations per host at once"
          name="maxParallelPerHost"
          type="number"
          min={1}
          max={16}
          step={1}
          defaultValue={settings.maxParallelPerHost}
          hint="A host takes part in at most this many moves of a wave."
          error={errors.maxParallelPerHost}
        />
        <FormField
          label="Migration network (MiB/s)"
          name="linkMiBps"
          type="number"
          min={1}
          step="any"
          defaultValue={settings.linkMiBps}
          hint="For the predictions: 119.2 is 1 GbE, 1170 is 10 GbE."
          error={errors.linkMiBps}
        />
        <FormField
          label="Consolidate to (0.1-1)"
          name="targetUtilization"
          type="number"
          min={0.1}
          max={1}
          step={0.05}
          defaultValue={settings.targetUtilization}
          hint="The highest CPU or memory use consolidation packs a host to."
          error={errors.targetUtilization}
        />
      </fieldset>
      {editable && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" aria-disabled={pending} className={primaryButton}>
            {pending ? "Saving…" : "Save planner settings"}
          </button>
          <p role="status" aria-live="polite" className="text-sm">
            {!pending && result && !result.ok && (
              <span className="text-red-800">
                <strong>Not saved:</strong> {result.error}
              </span>
            )}
            {!pending && result?.ok && <span className="text-emerald-800">Saved.</span>}
          </p>
        </div>
      )}
    </form>
  );
}
