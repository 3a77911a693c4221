import Link from "next/link";

/** What the hosts pages show before any agent is registered: the one place to go next. */
export function NoAgents() {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center">
      <h2 className="text-lg font-semibold">No host yet</h2>
      <p className="mt-2 text-slate-700">
        A host appears here once its agent is registered.{" "}
        <Link href="/settings" className="text-sky-800 underline">
          Register an agent under Settings
        </Link>
        .
      </p>
    </div>
  );
}
