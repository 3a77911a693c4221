import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { connect } from "../prisma/connect";
import { manifestAgents } from "./cluster";
import { E2E_DATABASE_URL } from "./db";

/**
 * No agent token reaches a browser: not in the built client files (.next/static), not in any page's
 * HTML or RSC payload, not in the JSON the pages poll. The tokens are the demo cluster's (its
 * manifest) and whatever the dashboard's database holds, looked for as an admin, who sees the most.
 */

const PAGES = [
  "/",
  "/hosts",
  "/hosts/h1",
  "/domains",
  "/domains/web01",
  "/migrations",
  "/suggestions",
  "/settings",
  "/users",
  "/audit",
  "/sign-in",
];
const POLLS = [
  "/api/cluster",
  "/api/cluster/overview",
  "/api/cluster/hosts",
  "/api/cluster/domains",
  "/api/cluster/migrations",
  "/api/cluster/host?name=h1",
  "/api/cluster/domain?name=web01",
];

async function secrets(): Promise<string[]> {
  const db = connect(E2E_DATABASE_URL);
  try {
    const stored = (await db.agent.findMany({ select: { token: true } })).map((agent) => agent.token);
    const tokens = [...new Set([...manifestAgents().map((agent) => agent.token), ...stored])];
    expect(tokens.length).toBeGreaterThanOrEqual(8);
    return tokens;
  } finally {
    await db.$disconnect();
  }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

function leaked(text: string, tokens: string[]): string[] {
  return tokens.filter((token) => text.includes(token)).map((token) => `${token.slice(0, 4)}…`);
}

test("the built client files hold no agent token", async () => {
  const tokens = await secrets();
  const files = filesUnder(".next/static");
  expect(files.some((file) => file.endsWith(".js"))).toBe(true);
  for (const file of files) expect(leaked(readFileSync(file, "latin1"), tokens), file).toEqual([]);
});

test("no page's HTML or RSC payload, and no poll, holds an agent token", async ({ request }) => {
  const tokens = await secrets();
  for (const path of PAGES) {
    const html = await request.get(path);
    expect(html.status(), path).toBe(200);
    expect(leaked(await html.text(), tokens), `${path} HTML`).toEqual([]);
    const rsc = await request.get(path, { headers: { RSC: "1" } });
    expect(leaked(await rsc.text(), tokens), `${path} RSC`).toEqual([]);
  }
  for (const path of POLLS) {
    const poll = await request.get(path);
    expect(poll.status(), path).toBe(200);
    expect(leaked(await poll.text(), tokens), path).toEqual([]);
  }
});
