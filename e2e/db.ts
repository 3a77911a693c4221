import { connect } from "../prisma/connect";

/** The database the browser tests' dashboard uses (playwright.config.ts passes the same URL). */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:.data/e2e.db";

/** The history row of a domain's migration, read straight from the database. */
export async function migrationRow(domain: string): Promise<{ phase: string; startedBy: string } | null> {
  const db = connect(E2E_DATABASE_URL);
  try {
    return await db.migration.findFirst({
      where: { domain },
      select: { phase: true, startedBy: true },
    });
  } finally {
    await db.$disconnect();
  }
}
