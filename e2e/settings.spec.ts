import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { manifestAgents } from "./cluster";

/** The agents registry: remove, add back with a wrong and then the right token, test; tokens stay on the server. */

test("an agent is removed, refused with a wrong token, added back and tested", async ({ page }) => {
  const h7 = manifestAgents().find((agent) => agent.name === "h7");
  if (!h7) throw new Error("no h7 in the manifest");
  await page.goto("/settings");
  await page.getByRole("button", { name: "Remove h7" }).click();
  await page.getByRole("button", { name: "Yes, remove h7" }).click();
  await expect(page.getByRole("heading", { name: "h7", level: 3 })).toBeHidden();

  const form = page.getByRole("form", { name: "Add an agent" });
  await form.getByLabel("Name").fill("h7");
  await form.getByLabel("URL").fill(h7.url);
  await form.getByLabel("Token").fill("not-the-right-token-at-all");
  await form.getByRole("button", { name: "Add agent" }).click();
  await expect(form.getByRole("status")).toContainText(/rejected/i);

  await form.getByLabel("Token").fill(h7.token);
  await form.getByRole("button", { name: "Add agent" }).click();
  await expect(page.getByRole("heading", { name: "h7", level: 3 })).toBeVisible();

  await page.getByRole("button", { name: "Test h7" }).click();
  await expect(page.getByText("reachable", { exact: true }).first()).toBeVisible();
});

test("no agent token reaches a page or the client bundle", async ({ page }) => {
  const tokens = manifestAgents().map((agent) => agent.token);
  const pages = ["/", "/hosts", "/hosts/h1", "/domains", "/domains/web01", "/migrations", "/settings"];
  const polls = ["overview", "hosts", "host?name=h1", "domains", "domain?name=web01", "migrations"];
  for (const path of [...pages, "/api/cluster", ...polls.map((poll) => `/api/cluster/${poll}`)]) {
    const response = await page.goto(path);
    const body = (await response?.text()) ?? "";
    for (const token of tokens) expect(body.includes(token), `${path} contains a token`).toBe(false);
  }
  const files = walk(".next/static");
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const token of tokens) expect(text.includes(token), `${file} contains a token`).toBe(false);
  }
});

function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
