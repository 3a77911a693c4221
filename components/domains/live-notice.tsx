/**
 * Says when the figures stopped being live: the query keeps its last snapshot, and without this a
 * dashboard that lost the server would look like a quiet cluster.
 */
export function LiveNotice({ error, takenAt }: { error: Error | null; takenAt: string }) {
  if (!error) return null;
  // Printed in UTC from the ISO string, so the server and the browser render the same text.
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
