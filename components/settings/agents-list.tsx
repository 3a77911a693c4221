"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { removeAgent } from "@/lib/actions/agents";
import type { ActionResult } from "@/lib/actions/result";
import type { RegisteredAgent } from "@/lib/dashboard/agents";
import { AgentRow } from "./agent-row";

type Removal = { agent: RegisteredAgent; result: ActionResult<RegisteredAgent> } | null;

/**
 * The registered agents. Removal is handled here rather than in the row: a removed row disappears
 * with its state, so the outcome is announced by this list and focus moves to its heading.
 */
export function AgentsList({ agents }: { agents: RegisteredAgent[] }) {
  const [removal, remove, removing] = useActionState(
    async (_previous: Removal, agent: RegisteredAgent): Promise<Removal> => ({
      agent,
      result: await removeAgent(agent.id),
    }),
    null,
  );
  const [removingId, setRemovingId] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (removal?.result.ok) headingRef.current?.focus();
  }, [removal]);

  function onRemove(agent: RegisteredAgent) {
    startTransition(() => {
      setRemovingId(agent.id);
      remove(agent);
    });
  }

  return (
    <section aria-labelledby="agents-heading" className="space-y-3">
      <h2 id="agents-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
        Registered agents
      </h2>
      <p role="status" aria-live="polite" className="text-sm empty:hidden">
        {removal?.result.ok && <span className="text-emerald-800">Removed {removal.agent.name}.</span>}
        {removal && !removal.result.ok && (
          <span className="text-red-800">
            <strong>Could not remove {removal.agent.name}:</strong> {removal.result.error}
          </span>
        )}
      </p>
      {agents.length === 0 ? (
        <p className="text-slate-700">No agent is registered yet: add one below.</p>
      ) : (
        <ul className="space-y-3">
          {agents.map((agent) => (
            <AgentRow
              key={agent.id}
              agent={agent}
              removing={removing && removingId === agent.id}
              onRemove={onRemove}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
