import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, prismaCli, type TestDatabase } from "./databases";

/**
 * Role changes and removals keep an admin on the provider DATABASE_URL names, also when two admins
 * demote each other at the same moment: the check and the write are one transaction.
 */

let database: TestDatabase;
let users: typeof import("../../lib/auth/users");
let db: typeof import("../../lib/db/client").db;

beforeAll(async () => {
  database = await freshDatabase();
  prismaCli(["migrate", "deploy"], database.url);
  // lib/db/client.ts reads DATABASE_URL when first imported.
  process.env.DATABASE_URL = database.url;
  users = await import("../../lib/auth/users");
  db = (await import("../../lib/db/client")).db;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function seedUsers(roles: Record<string, string>): Promise<void> {
  await db.user.deleteMany();
  for (const [id, role] of Object.entries(roles))
    await db.user.create({ data: { id, name: id, email: `${id}@ballast.test`, role } });
}

describe("changeUserKeepingAnAdmin", () => {
  it("two admins demoting each other at once: one of them stays admin", async () => {
    await seedUsers({ ann: "admin", bob: "admin" });
    const changes = await Promise.all([
      users.changeUserKeepingAnAdmin("ann", "viewer"),
      users.changeUserKeepingAnAdmin("bob", "viewer"),
    ]);
    expect(changes.filter((change) => change.ok)).toHaveLength(1);
    expect(changes.find((change) => !change.ok)).toEqual({ ok: false, reason: "last-admin" });
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("two admins removing each other at once: one of them stays", async () => {
    await seedUsers({ ann: "admin", bob: "admin", cat: "viewer" });
    const changes = await Promise.all([
      users.changeUserKeepingAnAdmin("ann", null),
      users.changeUserKeepingAnAdmin("bob", null),
    ]);
    expect(changes.map((change) => change.ok).sort()).toEqual([false, true]);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("changes a role, and removes a user with their sessions", async () => {
    await seedUsers({ ann: "admin", cat: "viewer" });
    await db.session.create({
      data: { id: "s1", token: "t1", userId: "cat", expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await users.changeUserKeepingAnAdmin("cat", "operator")).toMatchObject({ ok: true });
    expect((await users.findUser("cat"))?.role).toBe("operator");
    expect(await users.changeUserKeepingAnAdmin("cat", null)).toMatchObject({ ok: true });
    expect(await users.findUser("cat")).toBeNull();
    expect(await db.session.count()).toBe(0);
  });

  it("refuses the last admin's demotion and removal, and an unknown user", async () => {
    await seedUsers({ ann: "admin", cat: "viewer" });
    expect(await users.changeUserKeepingAnAdmin("ann", "viewer")).toEqual({
      ok: false,
      reason: "last-admin",
    });
    expect(await users.changeUserKeepingAnAdmin("ann", null)).toEqual({ ok: false, reason: "last-admin" });
    expect(await users.changeUserKeepingAnAdmin("nobody", "viewer")).toEqual({
      ok: false,
      reason: "no-such-user",
    });
    expect((await users.findUser("ann"))?.role).toBe("admin");
  });
});
