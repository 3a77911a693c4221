import { PrismaClient as PostgresClient } from "../lib/db/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "../lib/db/generated/sqlite/client";
import { adapterFor, databaseUrl, providerOf } from "./provider";

/**
 * A Prisma client for DATABASE_URL (or the given URL): the client generated for that provider, with
 * its driver adapter. Both clients come from the same models (prisma/models.prisma), so they have
 * the same API; the SQLite one's type stands for both. No "server-only" guard here, so tests and
 * scripts can connect too; the app uses `db` from lib/db/client.ts.
 */
export type Database = SqliteClient;

export function connect(url: string = databaseUrl()): Database {
  const adapter = adapterFor(url);
  return providerOf(url) === "sqlite"
    ? new SqliteClient({ adapter })
    : (new PostgresClient({ adapter }) as unknown as Database);
}
