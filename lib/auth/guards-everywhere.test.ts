import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every server action and route handler checks the caller itself (lib/auth/authorize.ts): a new one
 * without the check fails here, before a viewer's hand-made call could get through it.
 */

const ROOT = resolve(import.meta.dirname, "../..");
/** Signing in and out is for anyone; everything else needs a role. */
const PUBLIC_ACTIONS = new Set(["signIn", "signOut"]);
/** The calls that check: authorize itself, or this project's helpers that call it first. */
const ACTION_GUARD = /\b(authorize|admin|changeUser)\(/;

function exportedFunctions(source: string): { name: string; body: string }[] {
  const parts = source.split(/^export async function /m).slice(1);
  return parts.map((part) => ({ name: part.slice(0, part.search(/[(<]/)), body: part }));
}

function filesUnder(folder: string, name: RegExp): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path, name);
    return name.test(entry.name) ? [path] : [];
  });
}

describe("every door checks the role", () => {
  const actionFiles = filesUnder(join(ROOT, "lib/actions"), /\.ts$/).filter((file) =>
    readFileSync(file, "utf8").startsWith('"use server"'),
  );

  it("finds the server actions and route handlers", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(5);
    expect(filesUnder(join(ROOT, "app/api"), /^route\.ts$/).length).toBeGreaterThanOrEqual(8);
  });

  it("every server action checks the caller before it acts", () => {
    for (const file of actionFiles) {
      for (const { name, body } of exportedFunctions(readFileSync(file, "utf8"))) {
        if (PUBLIC_ACTIONS.has(name)) continue;
        expect(ACTION_GUARD.test(body), `${file}: ${name}`).toBe(true);
      }
    }
  });

  it("every route handler checks the caller first", () => {
    for (const file of filesUnder(join(ROOT, "app/api"), /^route\.ts$/)) {
      const handlers = exportedFunctions(readFileSync(file, "utf8"));
      expect(handlers.length, file).toBeGreaterThan(0);
      for (const { name, body } of handlers) expect(body, `${file}: ${name}`).toMatch(/guardRoute\(/);
    }
  });
});
