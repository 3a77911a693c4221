import Link from "next/link";

export default function DomainNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">No such domain</h1>
      <p className="text-slate-700">
        No reachable host has a domain of this name.{" "}
        <Link href="/domains" className="text-sky-800 underline">
          See all domains
        </Link>
        .
      </p>
    </div>
  );
}
