import type { ReactNode } from "react";

/** Label / value pairs as a description list: the shape of every "facts about this host" block. */
export function Facts({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <dl className={`grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm ${className}`}>{children}</dl>;
}

export function Fact({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className={mono ? "font-mono tabular-nums" : undefined}>{children}</dd>
    </>
  );
}
