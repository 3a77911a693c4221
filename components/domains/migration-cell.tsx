import type { DomainRow } from "@/lib/dashboard/domain-rows";

/**
 * `ldm list -o status` in a cell: the phase, the progress and the other end ("to h2" on the source's
 * row, "from h1" on the target's copy), so both rows of one migration read as a pair.
 */
export function MigrationCell({ row }: { row: DomainRow }) {
  const { migration } = row;
  if (!migration) return <span>-</span>;
  if (migration.progress === null || migration.peer === null) return <span>{migration.phase}</span>;
  if (migration.phase === "needs-attention")
    return <span className="font-semibold text-amber-900">needs attention ({migration.peer})</span>;
  return (
    <span className="flex min-w-40 flex-col gap-1">
      <span className="whitespace-nowrap">
        {migration.phase} <span className="font-mono tabular-nums">{migration.progress}%</span>{" "}
        {migration.peer}
      </span>
      {/* The percentage above says it in words; the bar is for the eye. */}
      <span aria-hidden="true" className="h-1.5 overflow-hidden rounded bg-slate-200">
        <span className="block h-full bg-sky-600" style={{ width: `${migration.progress}%` }} />
      </span>
    </span>
  );
}
