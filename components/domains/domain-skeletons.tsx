/**
 * Grey shapes of the domains pages while the agents are asked (up to their timeout). aria-busy and a
 * hidden sentence tell assistive technology what the shapes mean.
 */

const bar = "animate-pulse rounded bg-slate-200";
// Fixed placeholders: the shapes never reorder, so their names can be their keys.
const ROWS = Array.from({ length: 8 }, (_, index) => `row-${index}`);
const PANELS = ["cpu", "memory", "workload", "networks", "disks", "devices"];

export function DomainsTableSkeleton() {
  return (
    <div aria-busy="true" className="space-y-4">
      <h1 className="text-2xl font-semibold">Domains</h1>
      <p className="sr-only" role="status">
        Loading domains…
      </p>
      <div aria-hidden="true" className="flex flex-wrap gap-3">
        <div className={`${bar} h-9 w-56`} />
        <div className={`${bar} h-9 w-32`} />
        <div className={`${bar} h-9 w-32`} />
      </div>
      <div aria-hidden="true" className="space-y-2 rounded border border-slate-200 bg-white p-3">
        <div className={`${bar} h-6 w-full`} />
        {ROWS.map((row) => (
          <div key={row} className={`${bar} h-5 w-full opacity-70`} />
        ))}
      </div>
    </div>
  );
}

export function DomainDetailSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <p className="sr-only" role="status">
        Loading the domain…
      </p>
      <div aria-hidden="true" className="space-y-2">
        <div className={`${bar} h-4 w-40`} />
        <div className={`${bar} h-8 w-64`} />
        <div className={`${bar} h-5 w-96 max-w-full`} />
      </div>
      <div aria-hidden="true" className="grid grid-cols-1 gap-4 lg:grid-cols-2 2xl:grid-cols-3">
        {PANELS.map((panel) => (
          <div key={panel} className="space-y-2 rounded border border-slate-200 bg-white p-4">
            <div className={`${bar} h-5 w-24`} />
            <div className={`${bar} h-4 w-full`} />
            <div className={`${bar} h-4 w-3/4`} />
          </div>
        ))}
      </div>
    </div>
  );
}
