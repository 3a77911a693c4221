import type { ReactNode } from "react";

/** A white box with an h3 title: one group of facts inside a section of the host page. */
export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">{title}</h3>
      {children}
    </div>
  );
}
