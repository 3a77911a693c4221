"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Can } from "@/components/auth/role-context";
import { dangerOutlineButton, secondaryButton } from "@/components/ui/buttons";
import { testAgent } from "@/lib/actions/agents";
import type { ActionResult } from "@/lib/actions/result";
import type { AgentTestReport } from "@/lib/dashboard/agent-check";
import type { RegisteredAgent } from "@/lib/dashboard/agents";
import { AgentForm } from "./agent-form";
import { RemoveConfirmation } from "./remove-confirmation";
import { TestResult } from "./test-result";

type Mode = "view" | "edit" | "confirm-remove";

/**
 * One registered agent: Test (answer shown below), Edit (the form in place of the row) and
 * Remove (asked once more). Leaving the form or the question puts focus back on its button.
 */
export function AgentRow({
  agent,
  removing,
  onRemove,
}: {
  agent: RegisteredAgent;
  removing: boolean;
  onRemove: (agent: RegisteredAgent) => void;
}) {
  const [mode, setMode] = useState<Mode>("view");
  const [notice, setNotice] = useState<string | null>(null);
  const [test, runTest, testing] = useActionState(
    async (_previous: ActionResult<AgentTestReport> | null) => testAgent(agent.id),
    null,
  );
  const editRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const previousMode = useRef<Mode>(mode);

  useEffect(() => {
    if (mode === "view" && previousMode.current !== "view")
      (previousMode.current === "edit" ? editRef : removeRef).current?.focus();
    previousMode.current = mode;
  }, [mode]);

  return (
    <li className={`rounded border bg-white p-4 ${mode === "edit" ? "border-sky-300" : "border-slate-200"}`}>
      {mode === "edit" ? (
        <>
          <h3 className="mb-3 font-semibold">Edit {agent.name}</h3>
          <AgentForm
            agent={agent}
            onCancel={() => setMode("view")}
            onSaved={(saved) => {
              setNotice(`Saved ${saved.name} (${saved.url}).`);
              setMode("view");
            }}
          />
        </>
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 className="font-semibold">{agent.name}</h3>
            <p className="break-all font-mono text-sm text-slate-700">{agent.url}</p>
          </div>
          {mode === "view" && (
            <Can permission="manage-agents">
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  aria-disabled={testing}
                  onClick={() => {
                    if (testing) return;
                    setNotice(null);
                    startTransition(runTest);
                  }}
                  className={secondaryButton}
                >
                  {testing ? "Testing…" : "Test"}
                  <span className="sr-only"> {agent.name}</span>
                </button>
                <button
                  type="button"
                  ref={editRef}
                  onClick={() => setMode("edit")}
                  className={secondaryButton}
                >
                  Edit<span className="sr-only"> {agent.name}</span>
                </button>
                <button
                  type="button"
                  ref={removeRef}
                  onClick={() => setMode("confirm-remove")}
                  className={dangerOutlineButton}
                >
                  Remove<span className="sr-only"> {agent.name}</span>
                </button>
              </div>
            </Can>
          )}
        </div>
      )}
      {mode === "confirm-remove" && (
        <div className="mt-3">
          <RemoveConfirmation
            name={agent.name}
            pending={removing}
            onConfirm={() => onRemove(agent)}
            onCancel={() => setMode("view")}
          />
        </div>
      )}
      {/* Always mounted, so what appears in it is announced. */}
      <div role="status" aria-live="polite" className="mt-3 space-y-1 text-sm empty:mt-0">
        {mode !== "edit" && notice && <p className="text-emerald-800">{notice}</p>}
        {mode !== "edit" && <TestResult name={agent.name} result={test} pending={testing} />}
      </div>
    </li>
  );
}
