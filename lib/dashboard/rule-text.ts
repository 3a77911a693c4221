import { type RuleInput, ruleInputSchema } from "../validations/planner";

/**
 * A placement rule typed on one line, for what-ifs on the suggestions page:
 *
 *   affinity web01 web02        keep together
 *   anti-affinity db01 db02     keep apart
 *   pin db01 on h1 h2           run only on these hosts
 *   exclude db01                never move
 *
 * Names may be separated by spaces or commas.
 */

export const RULE_TEXT_EXAMPLE = "anti-affinity db01 db02";

export function parseRuleText(text: string): { ok: true; rule: RuleInput } | { ok: false; error: string } {
  const [kind, ...rest] = text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!kind) return { ok: false, error: "the rule is empty" };
  let shaped: unknown;
  if (kind === "pin") {
    const on = rest.indexOf("on");
    if (on !== 1) return { ok: false, error: 'write a pin rule as "pin DOMAIN on HOST [HOST...]"' };
    shaped = { kind, domain: rest[0], hosts: rest.slice(2) };
  } else if (kind === "exclude") {
    if (rest.length !== 1) return { ok: false, error: 'write an exclude rule as "exclude DOMAIN"' };
    shaped = { kind, domain: rest[0] };
  } else if (kind === "affinity" || kind === "anti-affinity") {
    shaped = { kind, domains: rest };
  } else {
    return { ok: false, error: `unknown rule "${kind}": use affinity, anti-affinity, pin or exclude` };
  }
  const parsed = ruleInputSchema.safeParse(shaped);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "not a rule" };
  return { ok: true, rule: parsed.data };
}
