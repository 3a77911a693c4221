import type { Unplaceable } from "@/lib/planner/plan-types";

/** Domains the plan should move but cannot place anywhere, each with the checks that ruled hosts out. */
export function UnplaceableList({ items }: { items: Unplaceable[] }) {
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="unplaceable-heading"
      className="rounded border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="unplaceable-heading" className="mb-2 font-semibold text-amber-950">
        {items.length} domain(s) cannot be placed
      </h2>
      <ul className="space-y-2 text-sm">
        {items.map((item) => (
          <li key={item.domain}>
            <span className="font-medium">{item.domain}</span> on {item.host}: {item.reason}
            {item.failed.length > 0 && (
              <ul className="ml-4 list-disc text-xs text-slate-700">
                {item.failed.map((check) => (
                  <li key={check.code}>
                    <code>{check.code}</code> on {check.hosts} host(s): {check.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
