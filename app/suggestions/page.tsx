import type { Metadata } from "next";
import Link from "next/link";
import { BalanceChart } from "@/components/suggestions/balance-chart";
import { EnterMaintenanceButton } from "@/components/suggestions/enter-maintenance-button";
import { MovesTable } from "@/components/suggestions/moves-table";
import { PlanFigures } from "@/components/suggestions/plan-figures";
import { PlanRunPanel } from "@/components/suggestions/plan-run-panel";
import { SuggestionForm } from "@/components/suggestions/suggestion-form";
import { UnplaceableList } from "@/components/suggestions/unplaceable-list";
import { pageUser } from "@/lib/auth/session";
import { listRules, plannerSettings } from "@/lib/dashboard/planner-store";
import { parseRuleText } from "@/lib/dashboard/rule-text";
import { type Suggestions, suggest } from "@/lib/dashboard/suggestions";
import { isActiveRun } from "@/lib/plan-runs/types";
import { currentPlanRun } from "@/lib/plan-runs/view";
import { hostNameSchema } from "@/lib/validations/migration";
import { type SuggestRequest, suggestRequestSchema } from "@/lib/validations/planner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Suggestions" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const list = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

/**
 * The address's choices as a request, and what was wrong with them: a choice that does not parse
 * is dropped and said so, rather than silently planning for something else.
 */
function requestOf(
  raw: Record<string, string | string[] | undefined>,
  maintenance?: string,
): { request: SuggestRequest; ruleText: string; problem: string | null } {
  if (maintenance)
    return {
      request: suggestRequestSchema.parse({ goal: "evacuate", evacuate: [maintenance] }),
      ruleText: "",
      problem: null,
    };
  const ruleText = typeof raw.rule === "string" ? raw.rule.trim() : "";
  const rule = ruleText === "" ? null : parseRuleText(ruleText);
  const parsed = suggestRequestSchema.safeParse({
    goal: typeof raw.goal === "string" ? raw.goal : undefined,
    evacuate: list(raw.evacuate),
    drain: list(raw.drain),
    aggressiveness: typeof raw.aggressiveness === "string" ? raw.aggressiveness : undefined,
    rules: rule?.ok ? [rule.rule] : [],
  });
  if (!parsed.success)
    return {
      request: suggestRequestSchema.parse({}),
      ruleText,
      problem: "these choices do not make sense: showing a plain balance",
    };
  return {
    request: parsed.data,
    ruleText,
    problem: rule && !rule.ok ? `rule "${ruleText}" not tried: ${rule.error}` : null,
  };
}

export default async function SuggestionsPage({ searchParams }: { searchParams: Search }) {
  await pageUser("/suggestions");
  const raw = await searchParams;
  const maintenance = hostNameSchema.safeParse(raw.maintenance).data;
  const { request, ruleText, problem } = requestOf(raw, maintenance);
  const [settings, rules, run] = await Promise.all([plannerSettings(), listRules(), currentPlanRun()]);
  let suggestions: Suggestions | null = null;
  let error: string | null = null;
  try {
    suggestions = await suggest(request);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const busy = run !== null && isActiveRun(run.state);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">
          {maintenance ? `Maintenance mode for ${maintenance}` : "Suggestions"}
        </h1>
        <p className="text-slate-700">
          {maintenance
            ? `To put ${maintenance} in maintenance, its domains move to the other hosts with the least harm to balance; while in maintenance, plans put nothing on it.`
            : "Moves that would balance, consolidate or empty hosts, planned from what the agents report now. Every move passes every pre-check the agents run, and the rules."}{" "}
          {rules.length} placement rule(s) apply; planner settings and rules are in{" "}
          <Link href="/settings#planner" className="text-sky-800 underline">
            Settings
          </Link>
          .
        </p>
      </div>
      {run && <PlanRunPanel key={run.id} initial={run} />}
      {!maintenance && suggestions && (
        <SuggestionForm
          request={request}
          ruleText={ruleText}
          hosts={suggestions.hosts.map((host) => host.name)}
          defaultAggressiveness={settings.aggressiveness}
        />
      )}
      {problem && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {problem}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          No suggestions: {error}
        </p>
      )}
      {suggestions && suggestions.unreachable.length > 0 && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          Unreachable, left out of the plan: {suggestions.unreachable.join(", ")}.
        </p>
      )}
      {suggestions && (
        <>
          <PlanFigures plan={suggestions.plan} />
          <BalanceChart hosts={suggestions.hosts} mean={suggestions.plan.metrics.after.mean} />
          <UnplaceableList items={suggestions.plan.unplaceable} />
          <section aria-labelledby="moves-heading" className="space-y-3">
            <h2 id="moves-heading" className="text-lg font-semibold">
              Suggested moves
            </h2>
            {busy ? (
              <p className="text-sm text-slate-700">
                A plan is being applied: new moves can be applied when it ends.
              </p>
            ) : suggestions.plan.moves.length > 0 ? (
              <MovesTable moves={suggestions.plan.moves} request={request} maintenance={maintenance} />
            ) : maintenance ? (
              <EnterMaintenanceButton host={maintenance} empty={suggestions.plan.unplaceable.length === 0} />
            ) : (
              <p className="text-sm text-slate-700">
                Nothing worth moving: every host is within the tolerance of aggressiveness{" "}
                {request.aggressiveness ?? settings.aggressiveness}.
              </p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
