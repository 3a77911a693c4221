/** Shown while the overview asks every agent (each call has its own timeout). */
export default function Loading() {
  return (
    <div aria-busy="true" className="space-y-4">
      <p className="sr-only">Loading the cluster…</p>
      <div className="h-7 w-56 animate-pulse rounded bg-slate-200" />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {["a", "b", "c", "d"].map((key) => (
          <div key={key} className="h-20 animate-pulse rounded bg-slate-200" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {["e", "f", "g", "h"].map((key) => (
          <div key={key} className="h-32 animate-pulse rounded bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
