import { useId } from "react";
import type { HostFilter, HostShow } from "@/lib/dashboard/host-rows";

const SHOW: { value: HostShow; label: string }[] = [
  { value: "all", label: "All" },
  { value: "hot", label: "Hot only" },
  { value: "unreachable", label: "Unreachable only" },
  { value: "maintenance", label: "In maintenance" },
];

/** The text filter and the all / hot / unreachable / maintenance choice above the hosts table. */
export function HostFilters({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: HostFilter;
  onChange: (filter: HostFilter) => void;
  shown: number;
  total: number;
}) {
  const id = useId();
  return (
    <search className="flex flex-wrap items-end gap-x-6 gap-y-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-text`} className="text-sm font-medium">
          Filter by name or CPU model
        </label>
        <input
          id={`${id}-text`}
          type="search"
          value={filter.text}
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
          placeholder="e.g. host1 or T5"
          className="w-64 rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-700"
        />
      </div>
      <fieldset className="flex flex-wrap items-center gap-3 text-sm">
        <legend className="mb-1 font-medium">Show</legend>
        {SHOW.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-1">
            <input
              type="radio"
              name={`${id}-show`}
              value={option.value}
              checked={filter.show === option.value}
              onChange={() => onChange({ ...filter, show: option.value })}
              className="accent-sky-700"
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      {/* Polite, so a screen reader hears the new count after typing without being interrupted. */}
      <p role="status" className="text-sm text-slate-600">
        Showing {shown} of {total} hosts
      </p>
    </search>
  );
}
