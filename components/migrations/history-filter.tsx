/** A plain GET form: the filter lives in the URL, so a filtered history can be shared. */
export function HistoryFilter({
  values,
  hosts,
}: {
  values: Record<string, string | undefined>;
  hosts: string[];
}) {
  const select = "mt-1 block rounded border border-slate-300 p-1.5";
  return (
    <form
      method="get"
      className="mb-4 flex flex-wrap items-end gap-3 text-sm"
      aria-label="Filter the history"
    >
      <label>
        Domain
        <input name="domain" defaultValue={values.domain} className={select} />
      </label>
      <label>
        Host
        <select name="host" defaultValue={values.host ?? ""} className={select}>
          <option value="">all hosts</option>
          {hosts.map((host) => (
            <option key={host}>{host}</option>
          ))}
        </select>
      </label>
      <label>
        Outcome
        <select name="outcome" defaultValue={values.outcome ?? ""} className={select}>
          <option value="">any</option>
          {["completed", "failed", "cancelled", "needs-attention", "transfer"].map((outcome) => (
            <option key={outcome}>{outcome}</option>
          ))}
        </select>
      </label>
      <label>
        Kind
        <select name="kind" defaultValue={values.kind ?? ""} className={select}>
          <option value="">any</option>
          {["live", "warm", "cold"].map((kind) => (
            <option key={kind}>{kind}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 font-medium text-white">
        Filter
      </button>
    </form>
  );
}
