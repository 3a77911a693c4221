import "server-only";
import { db } from "../db/client";
import type { AuditEntry } from "./events";

/** Longer details are cut: the log says what happened, it does not keep whole answers. */
const DETAIL_LIMIT = 500;

/**
 * Writes one audit event. A failing write is logged and swallowed: the action it records has
 * already happened (or been refused), and the person must hear about that, not about the log.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await db.auditEvent.create({
      data: {
        actor: entry.actor.slice(0, 320),
        role: entry.role ?? null,
        action: entry.action,
        target: (entry.target ?? "").slice(0, 200),
        outcome: entry.outcome,
        detail: (entry.detail ?? "").slice(0, DETAIL_LIMIT),
        address: entry.address ?? null,
      },
    });
  } catch (error) {
    console.error(
      `audit: could not record ${entry.action} by ${entry.actor}:`,
      error instanceof Error ? error.message : error,
    );
  }
}

/** An action's result in the log under its actor: ok, or failed with the error it answered. */
export async function auditResult(
  user: { email: string; role: string | null },
  entry: { action: AuditEntry["action"]; target?: string; detail?: string; address?: string | null },
  result: { ok: true } | { ok: false; error: string },
): Promise<void> {
  await recordAudit({
    ...entry,
    actor: user.email,
    role: user.role,
    outcome: result.ok ? "ok" : "failed",
    detail: result.ok ? (entry.detail ?? "") : [entry.detail, result.error].filter(Boolean).join(": "),
  });
}
