import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Domain } from "../schemas/domain";
import type { Host } from "../schemas/host";
import type { MigrationStatus } from "../schemas/migration";
import { AgentClient } from "./agent-client";

/**
 * Several agents at once: the hosts of a cluster as a manifest lists them (CONTRACTS.md section 3).
 * Asks them concurrently and keeps going when some do not answer.
 */

export const manifestSchema = z.object({
  agents: z.array(z.object({ name: z.string().min(1), url: z.url(), token: z.string().min(1) })).min(1),
});
export type Manifest = z.infer<typeof manifestSchema>;

export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new Error(
      `cannot read manifest ${path}: is the cluster running? (npm run cluster -- --manifest ${path})`,
    );
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`manifest ${path} is not a cluster manifest: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export type Answer<T> =
  | { name: string; url: string; ok: true; value: T }
  | { name: string; url: string; ok: false; error: string };

export class ClusterClient {
  readonly agents: { name: string; client: AgentClient }[];

  constructor(manifest: Manifest, timeoutMs = 5000) {
    this.agents = manifest.agents.map((agent) => ({
      name: agent.name,
      client: new AgentClient({ url: agent.url, token: agent.token, timeoutMs }),
    }));
  }

  agent(nameOrUrl: string): { name: string; client: AgentClient } | undefined {
    return this.agents.find(
      (agent) => agent.name === nameOrUrl || agent.client.url === nameOrUrl.replace(/\/+$/, ""),
    );
  }

  hosts(): Promise<Answer<Host>[]> {
    return this.ask((client) => client.host());
  }

  domains(): Promise<Answer<Domain[]>[]> {
    return this.ask((client) => client.domains());
  }

  migrations(): Promise<Answer<MigrationStatus[]>[]> {
    return this.ask((client) => client.migrations());
  }

  /** The agent whose host has the domain (not counting a migration target's half-built copy). */
  async locate(domain: string): Promise<{ name: string; client: AgentClient } | undefined> {
    for (const answer of await this.domains()) {
      if (!answer.ok) continue;
      const found = answer.value.find(
        (candidate) => candidate.name === domain && candidate.migration?.role !== "target",
      );
      if (found) return this.agent(answer.name);
    }
    return undefined;
  }

  private ask<T>(call: (client: AgentClient) => Promise<T>): Promise<Answer<T>[]> {
    return Promise.all(
      this.agents.map(async ({ name, client }): Promise<Answer<T>> => {
        try {
          return { name, url: client.url, ok: true, value: await call(client) };
        } catch (error) {
          return { name, url: client.url, ok: false, error: (error as Error).message };
        }
      }),
    );
  }
}
