import "server-only";
import { connect, type Database } from "../../prisma/connect";

/**
 * The dashboard's one Prisma client: SQLite through better-sqlite3 by default, PostgreSQL when
 * DATABASE_URL names one (prisma/provider.ts decides, for the CLI's migrations too). Kept on
 * globalThis so Next's dev reloads do not open a new connection each time.
 */
const globalForPrisma = globalThis as unknown as { prisma?: Database };

export const db: Database = globalForPrisma.prisma ?? connect();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
