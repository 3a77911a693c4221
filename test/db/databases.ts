import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { adapterFor, databaseUrl, type Provider, providerOf } from "../../prisma/provider";

/**
 * Throwaway databases for the data-layer tests, of the provider DATABASE_URL names: a SQLite file in
 * a temporary folder, or a new database on DATABASE_URL's PostgreSQL server (never the database
 * DATABASE_URL itself names, so the browser tests' data stays apart).
 */

export const ROOT = resolve(import.meta.dirname, "../..");
const PRISMA = join(dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");

export interface TestDatabase {
  provider: Provider;
  url: string;
  drop(): Promise<void>;
}

export function testProvider(): Provider {
  return providerOf(databaseUrl());
}

export async function freshDatabase(): Promise<TestDatabase> {
  const provider = testProvider();
  if (provider === "sqlite") {
    const folder = mkdtempSync(join(tmpdir(), "ballast-db-test-"));
    return {
      provider,
      url: `file:${join(folder, "test.db")}`,
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const server = databaseUrl();
  const name = `ballast_test_${randomBytes(6).toString("hex")}`;
  await runScript(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    provider,
    url: url.toString(),
    drop: () => runScript(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Runs SQL statements (a migration script, say) through the provider's driver adapter. */
export async function runScript(url: string, script: string): Promise<void> {
  const connection = await adapterFor(url).connect();
  try {
    await connection.executeScript(script);
  } finally {
    await connection.dispose();
  }
}

/** Prisma's CLI (the project's prisma.config.ts) on the database at `url`; its output, or a thrown error. */
export function prismaCli(args: string[], url: string): string {
  const result = spawnSync(process.execPath, [PRISMA, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0)
    throw new Error(`prisma ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  return result.stdout;
}

/**
 * The database's tables as sorted lines, one per column, index, constraint or enum value, left out
 * what a comparison must not see: Prisma's `_prisma_migrations` table and the order of columns
 * (a column added by a later migration comes last). Two databases with equal lines have the same
 * schema as far as the app can tell.
 */
export async function describeSchema(url: string): Promise<string[]> {
  const connection = await adapterFor(url).connect();
  try {
    const result = await connection.queryRaw({
      sql: providerOf(url) === "sqlite" ? SQLITE_SCHEMA : POSTGRES_SCHEMA,
      args: [],
      argTypes: [],
    });
    return result.rows.map((row) => row.map((value) => String(value ?? "")).join(" | ")).sort();
  } finally {
    await connection.dispose();
  }
}

const SQLITE_SCHEMA = `
SELECT 'column', m.name, c.name,
  c.type || ' notnull=' || c."notnull" || ' default=' || ifnull(c.dflt_value, '-') || ' pk=' || c.pk
FROM sqlite_master m JOIN pragma_table_info(m.name) c
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations'
UNION ALL
SELECT 'index', m.name, CASE WHEN i.origin = 'c' THEN i.name ELSE '(' || i.origin || ')' END,
  'unique=' || i."unique" || ' partial=' || i.partial || ' on ' || (
    SELECT group_concat(k, ', ') FROM (
      SELECT ifnull(x.name, '<expr>') || CASE WHEN x."desc" THEN ' DESC' ELSE '' END || ' ' || x.coll AS k
      FROM pragma_index_xinfo(i.name) x WHERE x.key ORDER BY x.seqno))
FROM sqlite_master m JOIN pragma_index_list(m.name) i
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations'
UNION ALL
SELECT 'foreign key', m.name, f.id || '.' || f.seq,
  f."from" || ' -> ' || f."table" || '.' || ifnull(f."to", '?') || ' on update ' || f.on_update || ' on delete ' || f.on_delete
FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations'
`;

// Every value cast to text: Prisma's pg adapter cannot read some catalog types ("char", name).
const POSTGRES_SCHEMA = `
SELECT 'column'::text, table_name::text, column_name::text,
  concat_ws(' ', udt_name::text, 'length=' || character_maximum_length, 'precision=' || numeric_precision,
    'scale=' || numeric_scale, 'time precision=' || datetime_precision, 'nullable=' || is_nullable,
    'default=' || column_default)
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
UNION ALL
SELECT 'index', tablename::text, indexname::text, indexdef::text
FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
UNION ALL
SELECT 'constraint', conrelid::regclass::text, conname::text, pg_get_constraintdef(oid)
FROM pg_constraint
WHERE connamespace = current_schema()::regnamespace AND conrelid <> 0
  AND conrelid::regclass::text <> '_prisma_migrations'
UNION ALL
SELECT 'enum', t.typname::text, e.enumlabel::text,
  (SELECT count(*) FROM pg_enum o WHERE o.enumtypid = e.enumtypid AND o.enumsortorder < e.enumsortorder)::text
FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
WHERE t.typnamespace = current_schema()::regnamespace
`;
