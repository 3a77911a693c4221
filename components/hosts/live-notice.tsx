/**
 * Says when the figures on screen stopped being live: the query keeps the last snapshot it had,
 * and without this notice a dead dashboard would look like a quiet cluster.
 */
export function LiveNotice({ error, takenAt }: { error: Error | null; takenAt: string }) {
  if (!error) return null;
  // The time is printed in UTC from the ISO string, so server and browser render the same text.
  return (
    <p role="status" className="rounded border border-amber-400 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      Live updates paused ({error.message}). Showing the cluster as of{" "}
      <time dateTime={takenAt} className="font-mono">
        {takenAt.slice(11, 19)} UTC
      </time>
      ; retrying.
    </p>
  );
}
