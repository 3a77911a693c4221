/**
 * Grey placeholders in the shape of the hosts pages while the agents are asked (up to their
 * timeout), so the layout does not jump when the figures arrive.
 */

function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

function Loading({ what, children }: { what: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-busy="true" className="space-y-6">
      <span className="sr-only">Loading {what}…</span>
      <div aria-hidden="true" className="space-y-6">
        {children}
      </div>
    </div>
  );
}

export function HostsTableSkeleton() {
  return (
    <Loading what="hosts">
      <h1 className="text-2xl font-semibold">Hosts</h1>
      <div className="flex flex-wrap gap-6">
        <Bar className="h-8 w-64" />
        <Bar className="h-8 w-80" />
      </div>
      <div className="space-y-px overflow-hidden rounded border border-slate-200 bg-white">
        <Bar className="h-9 w-full rounded-none" />
        {["a", "b", "c", "d", "e"].map((key) => (
          <div key={key} className="flex gap-4 px-3 py-3">
            <Bar className="h-5 w-32" />
            <Bar className="h-5 w-20" />
            <Bar className="h-5 flex-1" />
            <Bar className="h-5 w-48" />
          </div>
        ))}
      </div>
    </Loading>
  );
}

export function HostDetailSkeleton() {
  return (
    <Loading what="host">
      <Bar className="h-8 w-48" />
      <Bar className="h-5 w-full max-w-3xl" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Bar className="h-40" />
        <Bar className="h-40" />
        <Bar className="h-40" />
      </div>
      <Bar className="h-24 w-full" />
      <Bar className="h-48 w-full" />
    </Loading>
  );
}
