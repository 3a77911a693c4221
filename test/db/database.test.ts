import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../prisma/connect";
import { PROVIDERS, schemaPath } from "../../prisma/provider";
import { MODELS_PATH, staleSchemas } from "../../scripts/db-schema";
import {
  describeSchema,
  freshDatabase,
  prismaCli,
  ROOT,
  runScript,
  type TestDatabase,
  testProvider,
} from "./databases";

/**
 * The data layer on the provider DATABASE_URL names (SQLite by default; `npm test` runs this file
 * again under scripts/with-postgres.sh): the migrations give exactly the models' schema, and the
 * app's data modules store and read through the client generated for that provider.
 */

const provider = testProvider();
const migrationsOf = (name: string) => join(ROOT, "prisma", name, "migrations");
const migrationNames = (name: string) =>
  readdirSync(migrationsOf(name), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("one source of the models", () => {
  it(`every provider's schema is generated from ${MODELS_PATH}`, () => {
    expect(staleSchemas(), "run: npm run db:migration -- NAME").toEqual([]);
  });

  it("every provider has the same migrations, each locked to its provider", () => {
    const sqlite = migrationNames("sqlite");
    expect(sqlite.length).toBeGreaterThan(0);
    for (const name of PROVIDERS) {
      expect(migrationNames(name), `prisma/${name}/migrations`).toEqual(sqlite);
      const lock = readFileSync(join(migrationsOf(name), "migration_lock.toml"), "utf8");
      expect(lock).toContain(`provider = "${name}"`);
    }
  });
});

// One database migrated as `npm start` does it (`prisma migrate deploy`), for every test below.
let migrated: TestDatabase;
const scratch: TestDatabase[] = [];
beforeAll(async () => {
  migrated = await freshDatabase();
  prismaCli(["migrate", "deploy"], migrated.url);
});
afterAll(async () => {
  await Promise.all([migrated, ...scratch].map((database) => database?.drop()));
});

describe(`migrations on ${provider}`, () => {
  it("migrate deploy on an empty database gives exactly the schema of the models", async () => {
    const expected = await freshDatabase();
    scratch.push(expected);
    const script = prismaCli(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaPath(provider), "--script"],
      expected.url,
    );
    await runScript(expected.url, script);

    const tables = await describeSchema(expected.url);
    expect(tables.some((line) => line.startsWith("column | Agent | name"))).toBe(true);
    expect(await describeSchema(migrated.url)).toEqual(tables);
    // And a second deploy has nothing left to do.
    expect(prismaCli(["migrate", "deploy"], migrated.url)).toMatch(/No pending migrations/);
  });
});

describe(`the app's data modules on ${provider}`, () => {
  let agents: typeof import("../../lib/dashboard/agents");
  let history: typeof import("../../lib/dashboard/history");
  let uniqueViolationField: typeof import("../../lib/dashboard/agent-check").uniqueViolationField;

  beforeAll(async () => {
    // lib/db/client.ts reads DATABASE_URL when first imported.
    process.env.DATABASE_URL = migrated.url;
    agents = await import("../../lib/dashboard/agents");
    history = await import("../../lib/dashboard/history");
    ({ uniqueViolationField } = await import("../../lib/dashboard/agent-check"));
  });
  afterAll(async () => {
    const { db } = await import("../../lib/db/client");
    await db.$disconnect();
  });

  it("registers, updates and removes agents; a taken name or URL is told apart", async () => {
    await agents.upsertAgents([
      { name: "h2", url: "http://127.0.0.1:7002", token: "t2" },
      { name: "h1", url: "http://127.0.0.1:7001", token: "t1" },
    ]);
    await agents.upsertAgents([{ name: "h1", url: "http://127.0.0.1:7011", token: "t1b" }]);
    const listed = await agents.listAgents();
    expect(listed.map(({ name, url }) => ({ name, url }))).toEqual([
      { name: "h1", url: "http://127.0.0.1:7011" },
      { name: "h2", url: "http://127.0.0.1:7002" },
    ]);
    expect(listed.every((agent) => !("token" in agent))).toBe(true);

    const h3 = await agents.createAgent({ name: "h3", url: "http://127.0.0.1:7003", token: "t3" });
    expect(h3.id).toMatch(/^c[a-z0-9]{20,}$/);
    expect(await agents.getAgent(h3.id)).toEqual(h3);

    const taken = async (agent: { name: string; url: string }) => {
      try {
        await agents.createAgent({ ...agent, token: "x" });
      } catch (error) {
        return uniqueViolationField(error);
      }
      return "created";
    };
    expect(await taken({ name: "h3", url: "http://127.0.0.1:7999" })).toBe("name");
    expect(await taken({ name: "h9", url: "http://127.0.0.1:7003" })).toBe("url");

    expect(await agents.updateAgent(h3.id, { name: "h3", url: "http://127.0.0.1:7033" })).toMatchObject({
      url: "http://127.0.0.1:7033",
    });
    expect(await agents.deleteAgent(h3.id)).toMatchObject({ name: "h3" });
    expect(await agents.deleteAgent(h3.id)).toBeNull();
    expect(await agents.updateAgent(h3.id, { name: "h3", url: "http://x" })).toBeNull();
  });

  it("records a migration when it starts and completes it from what the agents report", async () => {
    const started = "2026-11-22T10:00:00.123Z";
    const status = {
      id: "m-1",
      domain: "web06",
      targetName: "web06",
      role: "source" as const,
      source: "h3",
      target: "h4",
      sourceUrl: "http://127.0.0.1:7003",
      targetUrl: "http://127.0.0.1:7004",
      kind: "live" as const,
      phase: "transfer" as const,
      progress: 40,
      transferredBytes: 3.5 * 2 ** 30,
      remainingBytes: 2 ** 30,
      totalBytes: 8 * 2 ** 30,
      round: 2,
      dirtyRateBytesPerSec: 1e6,
      expectedDowntimeMs: 120,
      downtimeMs: null,
      bandwidthBytesPerSec: 4e7,
      downtimeLimitMs: 300,
      prediction: null,
      startedAt: started,
      endedAt: null,
      error: null,
    };
    await history.recordStart(status, "admin");
    const ended = "2026-11-22T10:00:41.623Z";
    await history.reconcile(
      [
        { ...status, phase: "completed", endedAt: ended, downtimeMs: 87.6, hypervisorDowntimeMs: 12.4 },
        { ...status, id: "m-2", domain: "db01", targetName: "db01", startedAt: ended, phase: "prepare" },
      ],
      Date.parse(ended) + 1000,
    );

    const rows = await history.listHistory({});
    expect(rows.map((row) => row.id)).toEqual(["m-2", "m-1"]);
    expect(rows[1]).toMatchObject({
      phase: "completed",
      startedBy: "admin",
      startedAt: new Date(started),
      endedAt: new Date(ended),
      durationMs: 41_500,
      downtimeMs: 88,
      hypervisorDowntimeMs: 12,
      transferredBytes: 3.5 * 2 ** 30,
      totalBytes: 8 * 2 ** 30,
      predictedSeconds: null,
    });
    expect(rows[0]).toMatchObject({
      startedBy: "outside the dashboard",
      endedAt: null,
      hypervisorDowntimeMs: null,
    });
    expect((await history.listHistory({ domain: "web" })).map((row) => row.id)).toEqual(["m-1"]);
    expect((await history.listHistory({ host: "h4", outcome: "completed" })).map((row) => row.id)).toEqual([
      "m-1",
    ]);
  });

  it("a second client (another dashboard process) sees the same rows", async () => {
    const { db } = await import("../../lib/db/client");
    const other = connect(migrated.url);
    try {
      expect(await other.migration.findUnique({ where: { id: "m-1" }, select: { phase: true } })).toEqual({
        phase: "completed",
      });
      expect(await other.agent.findMany({ orderBy: { name: "asc" } })).toEqual(
        await db.agent.findMany({ orderBy: { name: "asc" } }),
      );
    } finally {
      await other.$disconnect();
    }
  });
});
