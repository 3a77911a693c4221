/** A horizontal bar: how much of something is used, with its numbers for people and screen readers. */
export function UsageBar({
  label,
  used,
  total,
  unit,
  hot,
}: {
  label: string;
  used: number;
  total: number;
  unit: string;
  hot?: boolean;
}) {
  const fraction = total > 0 ? Math.min(1, used / total) : 0;
  const percent = Math.round(fraction * 100);
  const tone = hot ? "bg-red-500" : fraction > 0.7 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div>
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span>
          {format(used)} / {format(total)} {unit} ({percent}%)
        </span>
      </div>
      {/* The figures above say it in words; the bar is for the eye. */}
      <div aria-hidden="true" className="mt-1 h-2 overflow-hidden rounded bg-slate-200">
        <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
