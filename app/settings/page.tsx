import type { Metadata } from "next";
import { AgentForm } from "@/components/settings/agent-form";
import { AgentsList } from "@/components/settings/agents-list";
import { listAgents } from "@/lib/dashboard/agents";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const agents = await listAgents();
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-slate-700">
          The host agents this dashboard talks to. An agent is saved only after it answers with the given
          token and reports the given name; tokens stay on the server.
        </p>
      </div>
      <AgentsList agents={agents} />
      <section
        aria-labelledby="add-agent-heading"
        className="space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="add-agent-heading" className="text-lg font-semibold">
          Add an agent
        </h2>
        <AgentForm />
      </section>
    </div>
  );
}
