import { readManifest } from "../lib/agent-client/cluster-client";
import { upsertAgents } from "../lib/dashboard/agents";

/**
 * `node --conditions=react-server --import tsx scripts/register-agents.ts MANIFEST`: registers the
 * agents of a cluster manifest in the dashboard's database (the start command's step).
 */
const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: register-agents MANIFEST\n");
  process.exit(2);
}
const manifest = await readManifest(path);
await upsertAgents(manifest.agents);
console.log(`registered ${manifest.agents.map((agent) => agent.name).join(", ")}`);
