import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditPager } from "@/components/audit/audit-pager";
import { AuditTable } from "@/components/audit/audit-table";
import { Forbidden } from "@/components/auth/forbidden";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/lib/audit/list";
import { can } from "@/lib/auth/roles";
import { pageUser } from "@/lib/auth/session";
import { parseAuditFilter } from "@/lib/validations/audit";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const user = await pageUser("/audit");
  if (!can(user.role, "read-audit")) return <Forbidden what="The audit log" />;
  const filter = parseAuditFilter(await searchParams);
  const { rows, total } = await listAuditEvents(filter);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="text-sm text-slate-700">
          Every change made through the dashboard, every refusal and every sign-in, newest first. Times are
          UTC.
        </p>
      </div>
      <AuditFilters filter={filter} />
      <AuditTable rows={rows} />
      <AuditPager filter={filter} total={total} pageSize={AUDIT_PAGE_SIZE} />
    </div>
  );
}
