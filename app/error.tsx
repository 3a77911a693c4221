"use client";

/** A page that failed to render says so and offers to try again, instead of a blank screen. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset(): void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">This page could not be shown</h1>
      <p className="mt-2 text-sm text-red-900">{error.message || "An unexpected error occurred."}</p>
      {error.digest && (
        <p className="mt-1 text-xs text-red-800">Reference: {error.digest} (in the dashboard's log)</p>
      )}
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-red-800 px-3 py-1.5 text-sm font-semibold text-white"
      >
        Try again
      </button>
    </div>
  );
}
