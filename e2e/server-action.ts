import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";

/**
 * Calling a server action by hand, as a script with a stolen or low-privileged session could: a POST
 * to any page with the `Next-Action` header naming the action, and its arguments as React encodes
 * them (a JSON array). The id comes from the build's manifest, the same id every page's JavaScript
 * carries, so hiding a button never hides the action itself.
 */

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`no server action ${exportedName} of ${filename} in the build`);
  return found[0];
}

/** Posts the call and answers the body: React's flight text, with the action's result as JSON in it. */
export async function callServerAction(
  request: APIRequestContext,
  path: string,
  id: string,
  args: unknown[],
): Promise<{ status: number; body: string }> {
  const response = await request.post(path, {
    headers: { "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify(args),
  });
  return { status: response.status(), body: await response.text() };
}
