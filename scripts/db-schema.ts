import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PROVIDERS, type Provider, schemaPath } from "../prisma/provider";

/**
 * The models are written once, in prisma/models.prisma; each provider gets a generated schema
 * (prisma/{sqlite,postgresql}/schema.prisma: the models plus its generator and datasource) and its
 * own migrations folder beside it, since migrations are SQL of one provider.
 *
 *   tsx scripts/db-schema.ts migration NAME   after editing the models: adds migration NAME to every
 *                                             provider (the same name everywhere) and rewrites the schemas
 *   tsx scripts/db-schema.ts check            exits 1 when a schema is not what the models give
 *
 * A migration is the difference between the provider's current schema and the new one
 * (`prisma migrate diff --from-schema-datamodel … --to-schema-datamodel … --script`): offline, no
 * database needed. test/db checks on each provider that the migrations give the models' schema.
 */

const ROOT = resolve(import.meta.dirname, "..");
export const MODELS_PATH = "prisma/models.prisma";
const PRISMA = join(dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");

export function renderSchema(provider: Provider, models: string): string {
  return `// Generated from ${MODELS_PATH} by scripts/db-schema.ts: do not edit. Edit the models there and
// run \`npm run db:migration -- NAME\`, which rewrites this file and adds the migrations.

generator client {
  provider   = "prisma-client"
  output     = "../../lib/db/generated/${provider}"
  engineType = "client"
}

datasource db {
  provider = "${provider}"
  // Prisma 6.19's validator wants a url; the CLI and the client connect through the driver adapter
  // that prisma/provider.ts picks from DATABASE_URL.
  url      = env("DATABASE_URL")
}

${models.trimEnd()}
`;
}

/** Each provider's schema as the models give it now. */
export function renderedSchemas(root = ROOT): Map<Provider, string> {
  const models = readFileSync(resolve(root, MODELS_PATH), "utf8");
  return new Map(PROVIDERS.map((provider) => [provider, renderSchema(provider, models)]));
}

function currentSchema(provider: Provider, root = ROOT): string | undefined {
  const path = resolve(root, schemaPath(provider));
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The providers whose schema file is not what the models give. */
export function staleSchemas(root = ROOT): Provider[] {
  return [...renderedSchemas(root)]
    .filter(([provider, text]) => currentSchema(provider, root) !== text)
    .map(([provider]) => provider);
}

/** Prisma's CLI for a diff of two datamodels: it opens the config's adapter all the same, so on an
 * in-memory SQLite database, which the diff does not use (whatever the schemas' provider). */
function prismaDiff(args: string[]): string {
  const result = spawnSync(process.execPath, [PRISMA, "migrate", "diff", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "file::memory:", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate diff ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Both providers' clients (lib/db/generated/{sqlite,postgresql}), as `npm run db:generate` does. */
function generateClients(): void {
  for (const provider of PROVIDERS) {
    const result = spawnSync(process.execPath, [PRISMA, "generate", "--schema", schemaPath(provider)], {
      cwd: ROOT,
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) throw new Error(`prisma generate --schema ${schemaPath(provider)} failed`);
  }
}

/** Prisma's folder name: UTC time to the second, then the name in snake case. */
function migrationFolder(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error(`not a migration name: ${JSON.stringify(name)}`);
  return `${stamp}_${slug}`;
}

/** Adds migration NAME to every provider when the models changed its SQL; rewrites the schemas. */
export function addMigration(name: string): string | undefined {
  const folder = migrationFolder(name);
  const scratch = mkdtempSync(join(tmpdir(), "ballast-schema-"));
  try {
    const scripts = new Map<Provider, string>();
    for (const [provider, next] of renderedSchemas()) {
      const nextPath = join(scratch, `${provider}.prisma`);
      writeFileSync(nextPath, next);
      const from = currentSchema(provider)
        ? ["--from-schema-datamodel", schemaPath(provider)]
        : ["--from-empty"];
      scripts.set(provider, prismaDiff([...from, "--to-schema-datamodel", nextPath, "--script"]));
    }
    const changed = [...scripts.values()].some((sql) => !/^-- This is an empty migration\.\s*$/.test(sql));
    // Every provider gets the migration, empty or not, so that all go through the same steps.
    if (changed) {
      for (const [provider, sql] of scripts) {
        const path = join(ROOT, "prisma", provider, "migrations", folder);
        mkdirSync(path, { recursive: true });
        writeFileSync(join(path, "migration.sql"), sql);
      }
    }
    for (const [provider, text] of renderedSchemas()) writeFileSync(join(ROOT, schemaPath(provider)), text);
    return changed ? folder : undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.filename === resolve(process.argv[1] ?? "")) {
  const [command, name] = process.argv.slice(2);
  if (command === "check") {
    const stale = staleSchemas();
    if (stale.length > 0) {
      console.error(
        `${stale.map(schemaPath).join(", ")}: not generated from ${MODELS_PATH}; run npm run db:migration -- NAME`,
      );
      process.exit(1);
    }
    console.log(`the schemas are those of ${MODELS_PATH}`);
  } else if (command === "migration" && name) {
    const folder = addMigration(name);
    generateClients();
    console.log(
      folder
        ? `added ${PROVIDERS.map((provider) => `prisma/${provider}/migrations/${folder}`).join(", ")}`
        : "the models' tables did not change: no migration (schemas rewritten)",
    );
    console.log(
      "clients generated; npm run test:db checks the migrations (on PostgreSQL: npm run test:postgres)",
    );
  } else {
    console.error("usage: tsx scripts/db-schema.ts check | migration NAME");
    process.exit(2);
  }
}
