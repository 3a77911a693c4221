const button =
  "rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-700 disabled:cursor-not-allowed disabled:opacity-50";

/** Previous and next page of the domains list, with where the reader is; nothing when one page holds all. */
export function DomainPager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages of domains" className="flex items-center gap-3 text-sm">
      <button type="button" className={button} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous page
      </button>
      <span className="text-slate-700">
        Page <span className="font-mono tabular-nums">{page}</span> of{" "}
        <span className="font-mono tabular-nums">{pages}</span>
      </span>
      <button type="button" className={button} disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next page
      </button>
    </nav>
  );
}
