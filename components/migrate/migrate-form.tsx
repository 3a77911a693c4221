"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { dryRunMigration, startMigration } from "@/lib/actions/migrations";
import type { ActionResult } from "@/lib/actions/result";
import type { DryRunResult } from "@/lib/schemas/migration";
import { CheckList } from "./check-list";
import { PredictionSummary } from "./prediction-summary";

export interface MigrateTarget {
  name: string;
  reachable: boolean;
}

interface Options {
  target: string;
  kind: string;
  targetName: string;
  maxBandwidthMiBps: string;
  downtimeLimitMs: string;
}

/**
 * Pick a target and options; every change runs the source agent's dry run again, and Migrate is
 * enabled only while every pre-check passes. A second click while one start is on its way does nothing.
 */
export function MigrateForm({
  domain,
  source,
  targets,
  onStarted,
}: {
  domain: string;
  source: string;
  targets: MigrateTarget[];
  onStarted(message: string): void;
}) {
  const [options, setOptions] = useState<Options>({
    target: "",
    kind: "auto",
    targetName: "",
    maxBandwidthMiBps: "",
    downtimeLimitMs: "",
  });
  const [dryRun, setDryRun] = useState<ActionResult<DryRunResult> | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [checking, startChecking] = useTransition();
  const [starting, startStarting] = useTransition();
  const startingRef = useRef(false);
  const request = { domain, source, ...options };

  useEffect(() => {
    if (!options.target) return;
    setDryRun(null);
    const timer = setTimeout(
      () => startChecking(async () => setDryRun(await dryRunMigration({ domain, source, ...options }))),
      250,
    );
    return () => clearTimeout(timer);
  }, [domain, source, options]);

  const checksPass = dryRun?.ok === true && dryRun.data.ok;
  const canMigrate = checksPass && !checking && !starting;
  const set = (field: keyof Options) => (event: { target: { value: string } }) =>
    setOptions({ ...options, [field]: event.target.value });

  function migrate() {
    if (startingRef.current || !canMigrate) return;
    startingRef.current = true;
    setStartError(null);
    startStarting(async () => {
      const result = await startMigration(request);
      startingRef.current = false;
      if (result.ok) onStarted(`Migration of ${domain} to ${options.target} started`);
      else setStartError(result.error);
    });
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        migrate();
      }}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <label className="text-sm">
          Target host
          <select
            value={options.target}
            onChange={set("target")}
            className="mt-1 block w-full rounded border border-slate-300 p-2"
            required
          >
            <option value="">Choose a host…</option>
            {targets.map((target) => (
              <option key={target.name} value={target.name} disabled={!target.reachable}>
                {target.name}
                {target.reachable ? "" : " (unreachable)"}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Kind
          <select
            value={options.kind}
            onChange={set("kind")}
            className="mt-1 block w-full rounded border border-slate-300 p-2"
          >
            <option value="auto">auto (live if running, cold if not)</option>
            <option value="live">live</option>
            <option value="warm">warm</option>
            <option value="cold">cold</option>
          </select>
        </label>
        <Field
          label="New name on the target (optional)"
          value={options.targetName}
          onChange={set("targetName")}
          placeholder={domain}
        />
        <Field
          label="Bandwidth limit, MiB/s (optional)"
          value={options.maxBandwidthMiBps}
          onChange={set("maxBandwidthMiBps")}
          inputMode="decimal"
        />
        <Field
          label="Downtime limit, ms (optional)"
          value={options.downtimeLimitMs}
          onChange={set("downtimeLimitMs")}
          inputMode="numeric"
          placeholder="300"
        />
      </div>

      <div aria-live="polite" className="space-y-3">
        {checking && <p className="text-sm text-slate-600">Running pre-checks on {source}…</p>}
        {dryRun && !dryRun.ok && <p className="text-sm text-red-800">{dryRun.error}</p>}
        {dryRun?.ok && <CheckList checks={dryRun.data.checks} />}
        {dryRun?.ok && dryRun.data.prediction && <PredictionSummary prediction={dryRun.data.prediction} />}
        {startError && (
          <p className="text-sm text-red-800" role="alert">
            {startError}
          </p>
        )}
      </div>

      <button
        type="submit"
        disabled={!canMigrate}
        className="rounded bg-sky-700 px-4 py-2 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:bg-slate-400"
      >
        {starting ? "Starting…" : "Migrate"}
      </button>
    </form>
  );
}

function Field({
  label,
  ...input
}: {
  label: string;
  value: string;
  onChange(event: { target: { value: string } }): void;
  placeholder?: string;
  inputMode?: "decimal" | "numeric";
}) {
  return (
    <label className="text-sm">
      {label}
      <input {...input} className="mt-1 block w-full rounded border border-slate-300 p-2" />
    </label>
  );
}
