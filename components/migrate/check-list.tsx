import type { Check } from "@/lib/schemas/migration";

/** Every pre-check with its verdict in words (not only color) and its message. */
export function CheckList({ checks }: { checks: Check[] }) {
  const failed = checks.filter((check) => !check.ok).length;
  return (
    <div>
      <p className={`mb-2 text-sm font-medium ${failed > 0 ? "text-red-800" : "text-emerald-800"}`}>
        {failed > 0
          ? `${failed} of ${checks.length} pre-checks failed`
          : `All ${checks.length} pre-checks passed`}
      </p>
      <ul className="max-h-48 space-y-1 overflow-y-auto text-xs" aria-label="Pre-checks">
        {[...checks]
          .sort((a, b) => Number(a.ok) - Number(b.ok))
          .map((check) => (
            <li
              key={check.code}
              className={`flex gap-2 rounded px-2 py-1 ${check.ok ? "bg-slate-50" : "bg-red-50"}`}
            >
              <span
                className={`w-10 shrink-0 font-semibold ${check.ok ? "text-emerald-700" : "text-red-700"}`}
              >
                {check.ok ? "pass" : "FAIL"}
              </span>
              <span className="w-56 shrink-0 font-mono">{check.code}</span>
              <span className="text-slate-700">{check.message.replace(`${check.code}: `, "")}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
