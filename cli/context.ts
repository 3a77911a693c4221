import { AgentClient } from "../lib/agent-client/agent-client";
import { ClusterClient, readManifest } from "../lib/agent-client/cluster-client";

/** Which agents a command talks to: a cluster manifest, or one agent named by URL and token. */
export interface CliOptions {
  manifest?: string;
  agent?: string;
  token?: string;
}

export const DEFAULT_MANIFEST = ".cluster/manifest.json";

export class UsageError extends Error {}

export async function connect(options: CliOptions): Promise<ClusterClient> {
  if (options.agent) {
    const token = options.token ?? process.env.BALLAST_TOKEN;
    if (!token) throw new UsageError("--agent needs --token TOKEN (or BALLAST_TOKEN in the environment)");
    const client = new AgentClient({ url: options.agent, token });
    const host = await client.host();
    return new ClusterClient({ agents: [{ name: host.name, url: options.agent, token }] });
  }
  return new ClusterClient(await readManifest(options.manifest ?? DEFAULT_MANIFEST));
}
