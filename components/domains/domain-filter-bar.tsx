"use client";

import { useEffect, useId, useRef } from "react";
import { type DomainQuery, isFiltered } from "@/lib/dashboard/domain-filters";
import { domainStateSchema } from "@/lib/schemas/domain";

const control =
  "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-700";

/** Name search, host and state filters; every change goes to the URL through `onChange`. */
export function DomainFilterBar({
  query,
  hosts,
  onChange,
}: {
  query: DomainQuery;
  hosts: { name: string; reachable: boolean }[];
  onChange: (patch: Partial<DomainQuery>) => void;
}) {
  const id = useId();
  const search = useRef<HTMLInputElement>(null);
  // The box is uncontrolled so typing never fights the router's (deferred) URL update; it is set from
  // the URL only when the query changed elsewhere (a link, "Clear filters") while it is not in use.
  useEffect(() => {
    const input = search.current;
    if (input && document.activeElement !== input && input.value.trim() !== query.q) input.value = query.q;
  }, [query.q]);
  // A host named in a shared link that is no longer registered stays selectable, so the select tells the truth.
  const hostNames =
    hosts.some((h) => h.name === query.host) || !query.host
      ? hosts
      : [...hosts, { name: query.host, reachable: false }];
  return (
    <search aria-label="Filter domains" className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-xs font-medium text-slate-700">
          Name
        </label>
        <input
          ref={search}
          id={`${id}-q`}
          type="search"
          defaultValue={query.q}
          placeholder="Search domains"
          onChange={(event) => onChange({ q: event.target.value })}
          className={`${control} w-56`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-host`} className="text-xs font-medium text-slate-700">
          Host
        </label>
        <select
          id={`${id}-host`}
          value={query.host}
          onChange={(event) => onChange({ host: event.target.value })}
          className={control}
        >
          <option value="">all hosts</option>
          {hostNames.map((host) => (
            <option key={host.name} value={host.name}>
              {host.reachable ? host.name : `${host.name} (unreachable)`}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-state`} className="text-xs font-medium text-slate-700">
          State
        </label>
        <select
          id={`${id}-state`}
          value={query.state}
          onChange={(event) => onChange({ state: event.target.value as DomainQuery["state"] })}
          className={control}
        >
          <option value="">all states</option>
          {domainStateSchema.options.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </div>
      {isFiltered(query) && (
        <button
          type="button"
          onClick={() => {
            if (search.current) search.current.value = "";
            onChange({ q: "", host: "", state: "" });
          }}
          className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-700"
        >
          Clear filters
        </button>
      )}
    </search>
  );
}
