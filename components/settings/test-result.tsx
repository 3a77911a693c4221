import { Badge } from "@/components/ui/badge";
import type { ActionResult } from "@/lib/actions/result";
import { type AgentTestReport, describeHostSummary } from "@/lib/dashboard/agent-check";

/** The Test button's answer, in words (the badge repeats it for the eye). */
export function TestResult({
  name,
  result,
  pending,
}: {
  name: string;
  result: ActionResult<AgentTestReport> | null;
  pending: boolean;
}) {
  if (pending) return <p className="text-slate-700">Testing {name}…</p>;
  if (!result) return null;
  if (!result.ok) {
    return (
      <p className="flex flex-wrap items-baseline gap-2">
        <Badge tone="red">test failed</Badge>
        <span className="text-red-800">{result.error}</span>
      </p>
    );
  }
  const { host, nameMatches } = result.data;
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-baseline gap-2">
        <Badge tone="green">reachable</Badge>
        <span>
          Reports host <strong>{host.name}</strong> ({host.driver}): {describeHostSummary(host)}.
        </span>
      </p>
      {!nameMatches && (
        <p className="flex flex-wrap items-baseline gap-2">
          <Badge tone="amber">name differs</Badge>
          <span className="text-amber-900">
            Registered as {name} but the agent reports {host.name}: edit the agent to use that name.
          </span>
        </p>
      )}
    </div>
  );
}
