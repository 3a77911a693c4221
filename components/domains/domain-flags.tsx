import { flagsSummary } from "@/lib/dashboard/describe-flags";

/**
 * The six FLAGS letters as ldm prints them, for admins who read them at a glance; the meaning is a
 * tooltip for the mouse and hidden text for screen readers, which would otherwise spell "dash dash".
 */
export function DomainFlags({ flags }: { flags: string }) {
  const summary = flagsSummary(flags);
  return (
    <>
      <span aria-hidden="true" title={summary} className="font-mono whitespace-pre">
        {flags}
      </span>
      <span className="sr-only">{summary}</span>
    </>
  );
}

/** The key to the letters, shown once under a table or a header so it works without a mouse too. */
export function FlagsLegend({ id }: { id?: string }) {
  return (
    <p id={id} className="text-xs text-slate-600">
      FLAGS as <span className="font-mono">ldm list</span> prints them: 6th character{" "}
      <span className="font-mono">s</span> migration source, <span className="font-mono">t</span> migration
      target, <span className="font-mono">e</span> error in the last migration; 3rd character{" "}
      <span className="font-mono">d</span> delayed reconfiguration pending; 2nd{" "}
      <span className="font-mono">n</span> normal.
    </p>
  );
}
