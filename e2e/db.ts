import { connect } from "../prisma/connect";

/** The database the browser tests' dashboard uses (playwright.config.ts passes the same URL). */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:.data/e2e.db";

/** The history row of a domain's latest migration, read straight from the database. */
export async function migrationRow(domain: string, databaseUrl = E2E_DATABASE_URL) {
  const db = connect(databaseUrl);
  try {
    return await db.migration.findFirst({
      where: { domain },
      orderBy: { startedAt: "desc" },
      select: {
        phase: true,
        startedBy: true,
        durationMs: true,
        downtimeMs: true,
        hypervisorDowntimeMs: true,
        predictedSeconds: true,
        predictedDowntime: true,
      },
    });
  } finally {
    await db.$disconnect();
  }
}
