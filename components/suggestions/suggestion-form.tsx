import { primaryButton } from "@/components/ui/buttons";
import { RULE_TEXT_EXAMPLE } from "@/lib/dashboard/rule-text";
import type { SuggestRequest } from "@/lib/validations/planner";

const GOALS = [
  { value: "balance", label: "Balance", hint: "even out CPU and memory use across hosts" },
  {
    value: "consolidate",
    label: "Consolidate",
    hint: "pack onto fewer hosts so the rest can be powered down",
  },
  { value: "evacuate", label: "Evacuate", hint: "empty the hosts ticked below" },
] as const;

const LEVELS = ["1 (conservative)", "2", "3", "4", "5 (aggressive)"];

/**
 * What to plan for, as a plain GET form: the choices live in the address, so a plan can be linked,
 * reloaded and compared, and the form works before any script has loaded. Draining hosts is a
 * what-if on top of any goal; nothing here is saved or acts.
 */
export function SuggestionForm({
  request,
  ruleText,
  hosts,
  defaultAggressiveness,
}: {
  request: SuggestRequest;
  ruleText: string;
  hosts: string[];
  defaultAggressiveness: number;
}) {
  return (
    <form method="get" className="space-y-4 rounded border border-slate-200 bg-white p-4 text-sm">
      <fieldset>
        <legend className="mb-2 font-semibold">Goal</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {GOALS.map((goal) => (
            <label key={goal.value} className="flex items-start gap-2">
              <input
                type="radio"
                name="goal"
                value={goal.value}
                defaultChecked={request.goal === goal.value}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{goal.label}</span>
                <span className="block text-xs text-slate-600">{goal.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <HostChoice legend="Hosts to evacuate" name="evacuate" hosts={hosts} checked={request.evacuate} />
      <HostChoice
        legend="What if these hosts were drained? (any goal)"
        name="drain"
        hosts={hosts}
        checked={request.drain}
      />
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1">
          <span className="font-medium">Aggressiveness</span>
          <select
            name="aggressiveness"
            defaultValue={String(request.aggressiveness ?? defaultAggressiveness)}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {LEVELS.map((label, index) => (
              <option key={label} value={index + 1}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-72 flex-1 flex-col gap-1">
          <span className="font-medium">What if this rule applied? (not saved)</span>
          <input
            name="rule"
            defaultValue={ruleText}
            placeholder={RULE_TEXT_EXAMPLE}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="rule-hint"
            className="rounded border border-slate-300 px-2 py-1 font-mono"
          />
          <span id="rule-hint" className="text-xs text-slate-600">
            affinity A B · anti-affinity A B · pin A on H1 H2 · exclude A
          </span>
        </label>
        <button type="submit" className={primaryButton}>
          Show suggestions
        </button>
      </div>
    </form>
  );
}

function HostChoice({
  legend,
  name,
  hosts,
  checked,
}: {
  legend: string;
  name: string;
  hosts: string[];
  checked: string[];
}) {
  return (
    <fieldset>
      <legend className="mb-1 font-medium">{legend}</legend>
      <div className="flex max-h-32 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
        {hosts.map((host) => (
          <label key={host} className="flex items-center gap-1">
            <input type="checkbox" name={name} value={host} defaultChecked={checked.includes(host)} />
            {host}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
