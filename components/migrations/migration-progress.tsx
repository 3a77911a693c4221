import type { MigrationStatus } from "@/lib/schemas/migration";
import { formatBytes } from "@/lib/units";

const PHASES = ["precheck", "prepare", "transfer", "suspend", "handoff"] as const;
const PHASE_LABELS: Record<(typeof PHASES)[number], string> = {
  precheck: "Pre-checks",
  prepare: "Target creation",
  transfer: "State transfer",
  suspend: "Suspension",
  handoff: "Hand-off",
};

/** The five phases as a stepper, then the numbers admins watch: %, bytes, round, dirty rate, downtime. */
export function MigrationProgress({ migration }: { migration: MigrationStatus }) {
  const current = PHASES.indexOf(migration.phase as (typeof PHASES)[number]);
  const done = migration.phase === "completed";
  const secondsLeft = timeLeft(migration);
  return (
    <div className="space-y-2">
      <ol className="flex gap-1 text-xs" aria-label="Phases">
        {PHASES.map((phase, index) => {
          const state = done || index < current ? "done" : index === current ? "current" : "todo";
          const tone =
            state === "done"
              ? "bg-emerald-600 text-white"
              : state === "current"
                ? "bg-sky-600 text-white"
                : "bg-slate-200 text-slate-600";
          return (
            <li
              key={phase}
              className={`flex-1 rounded px-2 py-1 text-center ${tone}`}
              aria-current={state === "current" ? "step" : undefined}
            >
              {PHASE_LABELS[phase]}
            </li>
          );
        })}
      </ol>
      <div
        role="progressbar"
        aria-label={`Migration of ${migration.domain}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={migration.progress}
        className="h-3 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-sky-600" style={{ width: `${migration.progress}%` }} />
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-slate-700 sm:grid-cols-3 lg:grid-cols-6">
        <Figure label="Progress" value={`${migration.progress}%`} />
        <Figure
          label="Moved"
          value={`${formatBytes(migration.transferredBytes)} of ${formatBytes(migration.totalBytes)}`}
        />
        <Figure label="Round" value={String(migration.round)} />
        <Figure label="Dirty rate" value={`${formatBytes(migration.dirtyRateBytesPerSec)}/s`} />
        <Figure
          label={migration.downtimeMs === null ? "Expected downtime" : "Downtime"}
          value={`${Math.round(migration.downtimeMs ?? migration.expectedDowntimeMs)} ms`}
        />
        <Figure label="Time left" value={secondsLeft === null ? "—" : `${secondsLeft} s`} />
      </dl>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-mono">{value}</dd>
    </div>
  );
}

/** What remains at the current bandwidth; a rough figure, as libvirt's. */
function timeLeft(migration: MigrationStatus): number | null {
  if (migration.phase !== "transfer" && migration.phase !== "suspend") return null;
  if (migration.bandwidthBytesPerSec <= 0) return null;
  return Math.ceil(migration.remainingBytes / migration.bandwidthBytesPerSec);
}
