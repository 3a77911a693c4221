import Link from "next/link";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "@/lib/audit/events";
import type { AuditFilter } from "@/lib/validations/audit";

const minute = (date: Date | undefined) => date?.toISOString().slice(0, 16) ?? "";
const field =
  "rounded border border-slate-400 bg-white p-2 focus-visible:outline-2 focus-visible:outline-sky-700";

/** A plain GET form: the filters live in the URL, so a filtered view can be linked and reloaded. */
export function AuditFilters({ filter }: { filter: AuditFilter }) {
  return (
    <form
      method="get"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm"
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium text-slate-800">Actor</span>
        <input
          name="actor"
          defaultValue={filter.actor ?? ""}
          placeholder="email or part of it"
          className={field}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium text-slate-800">Action</span>
        <select name="action" defaultValue={filter.action ?? ""} className={field}>
          <option value="">any</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium text-slate-800">Outcome</span>
        <select name="outcome" defaultValue={filter.outcome ?? ""} className={field}>
          <option value="">any</option>
          {AUDIT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium text-slate-800">From (UTC)</span>
        <input type="datetime-local" name="from" defaultValue={minute(filter.from)} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium text-slate-800">Until (UTC)</span>
        <input type="datetime-local" name="to" defaultValue={minute(filter.to)} className={field} />
      </label>
      <button type="submit" className={primaryButton}>
        Filter
      </button>
      <Link href="/audit" className={secondaryButton}>
        Clear
      </Link>
    </form>
  );
}
