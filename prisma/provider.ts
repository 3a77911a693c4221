import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

/**
 * Which database the dashboard uses, from DATABASE_URL alone: `file:…` is SQLite (the default,
 * through better-sqlite3), `postgresql://…` or `postgres://…` is PostgreSQL (through node-postgres).
 * Read by prisma.config.ts (the CLI's schema and adapter) and by the run-time client alike, so the
 * two never disagree. Nothing here may import the generated clients: the CLI loads this file
 * before they exist.
 */

export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const DEFAULT_DATABASE_URL = "file:.data/ballast.db";

/** DATABASE_URL, or the embedded SQLite file when it is unset or empty. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  // Only the scheme: the rest may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? "(no scheme)";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); it starts with ${scheme}`,
  );
}

/** The provider's generated schema (from prisma/models.prisma), next to its migrations folder. */
export function schemaPath(provider: Provider): string {
  return `prisma/${provider}/schema.prisma`;
}

/**
 * The driver adapter for a URL. PostgreSQL needs @prisma/adapter-pg 7.x: the 6.x adapter fails every
 * migrate command on a real server (prisma/orm#27403); 7.10.1 works with the 6.19 CLI and client.
 */
export function adapterFor(url: string): PrismaBetterSQLite3 | PrismaPg {
  return providerOf(url) === "sqlite"
    ? new PrismaBetterSQLite3({ url })
    : // allowExitOnIdle: a CLI run ends when its work does, not when idle connections time out (10 s).
      new PrismaPg({ connectionString: url, allowExitOnIdle: true });
}
