import Link from "next/link";

export default function HostNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">No such host</h1>
      <p className="text-slate-700">
        No registered agent has this name.{" "}
        <Link href="/hosts" className="text-sky-800 underline">
          See all hosts
        </Link>{" "}
        or{" "}
        <Link href="/settings" className="text-sky-800 underline">
          register an agent under Settings
        </Link>
        .
      </p>
    </div>
  );
}
