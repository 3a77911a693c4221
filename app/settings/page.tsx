import type { Metadata } from "next";
import { AgentForm } from "@/components/settings/agent-form";
import { AgentsList } from "@/components/settings/agents-list";
import { PlannerSettingsForm } from "@/components/settings/planner-settings-form";
import { RulesSection } from "@/components/settings/rules-section";
import { can } from "@/lib/auth/roles";
import { pageUser } from "@/lib/auth/session";
import { listAgents } from "@/lib/dashboard/agents";
import { listRules, plannerSettings } from "@/lib/dashboard/planner-store";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await pageUser("/settings");
  const [agents, settings, rules] = await Promise.all([listAgents(), plannerSettings(), listRules()]);
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-slate-700">
          The host agents this dashboard talks to, the planner&apos;s settings and the placement rules every
          plan obeys. An agent is saved only after it answers with the given token and reports the given name;
          tokens stay on the server.
        </p>
        {!can(user.role, "manage-settings") && (
          <p className="text-sm text-slate-700">
            Your role ({user.role}) may read these; an admin changes them.
          </p>
        )}
      </div>
      <AgentsList agents={agents} />
      {can(user.role, "manage-agents") && (
        <section
          aria-labelledby="add-agent-heading"
          className="space-y-3 rounded border border-slate-200 bg-white p-4"
        >
          <h2 id="add-agent-heading" className="text-lg font-semibold">
            Add an agent
          </h2>
          <AgentForm />
        </section>
      )}
      <section
        id="planner"
        aria-labelledby="planner-heading"
        className="space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="planner-heading" className="text-lg font-semibold">
          Planner
        </h2>
        <PlannerSettingsForm settings={settings} />
      </section>
      <section
        aria-labelledby="rules-heading"
        className="space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="rules-heading" className="text-lg font-semibold">
          Placement rules
        </h2>
        <RulesSection rules={rules.map(({ id, rule, note }) => ({ id, rule, note }))} />
      </section>
    </div>
  );
}
