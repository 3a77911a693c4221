import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFilterSchema } from "../../lib/validations/audit";
import { freshDatabase, prismaCli, type TestDatabase, testProvider } from "./databases";

/**
 * The audit log's queries on the provider DATABASE_URL names: the lockout's count of recent sign-in
 * attempts by account and by address, and the audit page's filters and pages.
 */

let database: TestDatabase;
let record: typeof import("../../lib/audit/record");
let attempts: typeof import("../../lib/audit/sign-in-attempts");
let list: typeof import("../../lib/audit/list");

beforeAll(async () => {
  database = await freshDatabase();
  prismaCli(["migrate", "deploy"], database.url);
  // lib/db/client.ts reads DATABASE_URL when first imported.
  process.env.DATABASE_URL = database.url;
  record = await import("../../lib/audit/record");
  attempts = await import("../../lib/audit/sign-in-attempts");
  list = await import("../../lib/audit/list");
});
afterAll(async () => {
  const { db } = await import("../../lib/db/client");
  await db.$disconnect();
  await database?.drop();
});

const at = (iso: string) => new Date(`2026-12-01T${iso}Z`);

async function seed(): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const rows = [
    { at: at("10:00:00"), actor: "a@x", action: "sign-in", outcome: "failed", address: "10.0.0.1" },
    { at: at("10:01:00"), actor: "a@x", action: "sign-in", outcome: "refused", address: "10.0.0.1" },
    { at: at("10:02:00"), actor: "b@x", action: "sign-in", outcome: "failed", address: "10.0.0.1" },
    { at: at("10:03:00"), actor: "a@x", action: "sign-in", outcome: "ok", address: "10.0.0.2" },
    { at: at("10:04:00"), actor: "a@x", action: "migration.start", outcome: "ok", address: "10.0.0.1" },
    { at: at("09:00:00"), actor: "a@x", action: "sign-in", outcome: "failed", address: "10.0.0.1" },
  ];
  for (const row of rows) await db.auditEvent.create({ data: { ...row, target: row.actor } });
}

describe(`the audit log on ${testProvider()}`, () => {
  it("records an event, cutting a long detail", async () => {
    await record.recordAudit({ actor: "c@x", action: "user.create", outcome: "ok", detail: "d".repeat(900) });
    const { rows } = await list.listAuditEvents(auditFilterSchema.parse({ actor: "c@x" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: "c@x", action: "user.create", outcome: "ok", target: "" });
    expect(rows[0]?.detail).toHaveLength(500);
  });

  it("counts sign-in attempts per account and per address since a time, not refusals", async () => {
    await seed();
    const found = await attempts.signInAttempts("a@x", "10.0.0.1", at("09:30:00"));
    const times = (list: { at: Date; ok: boolean }[]) =>
      list.map((attempt) => `${attempt.at.toISOString().slice(11, 16)} ${attempt.ok}`).sort();
    expect(times(found.account)).toEqual(["10:00 false", "10:03 true"]);
    expect(times(found.address)).toEqual(["10:00 false", "10:02 false"]);
    expect((await attempts.signInAttempts("a@x", null, at("09:30:00"))).address).toEqual([]);
  });

  it("filters by actor, action, outcome and time, newest first, a page at a time", async () => {
    const page = (raw: Record<string, string>, size = 50) =>
      list.listAuditEvents(auditFilterSchema.parse(raw), size);
    const signIns = await page({ action: "sign-in", actor: "A@" });
    expect(signIns.rows.map((row) => row.at.toISOString().slice(11, 16))).toEqual([
      "10:03",
      "10:01",
      "10:00",
      "09:00",
    ]);
    expect((await page({ outcome: "failed" })).total).toBe(3);
    const range = await page({ from: "2026-12-01T10:01", to: "2026-12-01T10:03" });
    expect(range.rows.map((row) => row.outcome)).toEqual(["failed", "refused"]);

    const first = await page({ actor: "a@x" }, 2);
    const second = await page({ actor: "a@x", page: "2" }, 2);
    expect(first.total).toBe(5);
    expect(first.rows.map((row) => row.action)).toEqual(["migration.start", "sign-in"]);
    expect(second.rows.map((row) => row.at.toISOString().slice(11, 16))).toEqual(["10:01", "10:00"]);
  });
});
