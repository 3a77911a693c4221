"use server";

import { revalidatePath } from "next/cache";
import { auditResult } from "../audit/record";
import { authorize } from "../auth/authorize";
import { addRule, removeRule, savePlannerSettings } from "../dashboard/planner-store";
import { type PlannerSettingsInput, plannerSettingsSchema, ruleInputSchema } from "../validations/planner";
import { type ActionResult, invalid } from "./result";

/**
 * The Settings page's planner section: its settings, and the placement rules every plan obeys.
 * Admins only; every change goes to the audit log.
 */

const names = (text: unknown) =>
  typeof text === "string"
    ? text
        .split(/[\s,]+/)
        .map((name) => name.trim())
        .filter(Boolean)
    : text;

export async function savePlannerSettingsAction(input: unknown): Promise<ActionResult<PlannerSettingsInput>> {
  const parsed = plannerSettingsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const entry = { action: "planner.settings", detail: JSON.stringify(parsed.data) } as const;
  const allowed = await authorize("manage-settings", entry);
  if (!allowed.ok) return allowed;
  await savePlannerSettings(parsed.data);
  await auditResult(allowed.user, entry, { ok: true });
  revalidatePath("/settings");
  revalidatePath("/suggestions");
  return { ok: true, data: parsed.data };
}

/** A rule from the form: domains and hosts typed as lists separated by commas or spaces. */
export async function addRuleAction(input: unknown): Promise<ActionResult<null>> {
  const form = (input ?? {}) as Record<string, unknown>;
  const kind = form.kind;
  const domains = names(form.domains);
  const shaped =
    kind === "pin" || kind === "exclude"
      ? {
          kind,
          domain: Array.isArray(domains) ? domains[0] : domains,
          ...(kind === "pin" ? { hosts: names(form.hosts) } : {}),
          note: form.note,
        }
      : { kind, domains, note: form.note };
  const parsed = ruleInputSchema.safeParse(shaped);
  if (!parsed.success) return invalid(parsed.error);
  if ("domain" in parsed.data && Array.isArray(domains) && domains.length > 1)
    return {
      ok: false,
      error: `a ${parsed.data.kind} rule names one domain`,
      fields: { domain: "one domain" },
    };
  const entry = {
    action: "planner.rule-add",
    target: parsed.data.kind,
    detail: JSON.stringify(parsed.data),
  } as const;
  const allowed = await authorize("manage-settings", entry);
  if (!allowed.ok) return allowed;
  await addRule(parsed.data);
  await auditResult(allowed.user, entry, { ok: true });
  revalidatePath("/settings");
  revalidatePath("/suggestions");
  return { ok: true, data: null };
}

export async function removeRuleAction(input: unknown): Promise<ActionResult<null>> {
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id !== "string" || id === "" || id.length > 100) return { ok: false, error: "no such rule" };
  const entry = { action: "planner.rule-remove", target: `rule ${id}` } as const;
  const allowed = await authorize("manage-settings", entry);
  if (!allowed.ok) return allowed;
  const removed = await removeRule(id);
  const result: ActionResult<null> = removed
    ? { ok: true, data: null }
    : { ok: false, error: "this rule was removed meanwhile" };
  await auditResult(allowed.user, entry, result);
  if (!removed) return result;
  revalidatePath("/settings");
  revalidatePath("/suggestions");
  return { ok: true, data: null };
}
