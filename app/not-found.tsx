import Link from "next/link";

export default function NotFound() {
  return (
    <div>
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">
        There is nothing at this address. Go to the{" "}
        <Link href="/" className="text-sky-800 underline">
          overview
        </Link>
        .
      </p>
    </div>
  );
}
