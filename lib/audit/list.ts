import "server-only";
import { db } from "../db/client";
import type { AuditFilter } from "../validations/audit";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  role: string | null;
  action: string;
  target: string;
  outcome: string;
  detail: string;
  address: string | null;
}

/** One page of the audit log, newest first, with the count of all events the filter matches. */
export async function listAuditEvents(
  filter: AuditFilter,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = {
    ...(filter.actor ? { actor: { contains: filter.actor } } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
    }),
    db.auditEvent.count({ where }),
  ]);
  return { rows, total };
}
