import Link from "next/link";
import { secondaryButton } from "@/components/ui/buttons";
import type { AuditFilter } from "@/lib/validations/audit";

function hrefFor(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.action) params.set("action", filter.action);
  if (filter.outcome) params.set("outcome", filter.outcome);
  if (filter.from) params.set("from", filter.from.toISOString().slice(0, 16));
  if (filter.to) params.set("to", filter.to.toISOString().slice(0, 16));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}

/** Newer and older pages, keeping the filters. */
export function AuditPager({
  filter,
  total,
  pageSize,
}: {
  filter: AuditFilter;
  total: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pages);
  return (
    <nav aria-label="Audit pages" className="flex items-center gap-3 text-sm">
      {page > 1 && (
        <Link href={hrefFor(filter, page - 1)} className={secondaryButton}>
          Newer
        </Link>
      )}
      <span className="text-slate-700">
        Page {page} of {pages} · {total} event(s)
      </span>
      {page < pages && (
        <Link href={hrefFor(filter, page + 1)} className={secondaryButton}>
          Older
        </Link>
      )}
    </nav>
  );
}
