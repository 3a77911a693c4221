const TONES = {
  red: "bg-red-100 text-red-800",
  amber: "bg-amber-100 text-amber-900",
  green: "bg-emerald-100 text-emerald-900",
  sky: "bg-sky-100 text-sky-900",
  slate: "bg-slate-100 text-slate-700",
} as const;

/** A short status word: unreachable, hot, active, ... */
export function Badge({ tone, children }: { tone: keyof typeof TONES; children: string }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>;
}
