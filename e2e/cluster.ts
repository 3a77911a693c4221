import { readFileSync } from "node:fs";
import { AgentClient } from "../lib/agent-client/agent-client";

/** The demo cluster the dashboard under test runs against: its manifest, with each agent's process id. */
export interface ManifestAgent {
  name: string;
  url: string;
  token: string;
  pid?: number;
}

/** Where playwright.config.ts has the start command write the sim demo cluster's manifest. */
export const E2E_MANIFEST = ".cluster/e2e-manifest.json";

export function manifestAgents(manifest = E2E_MANIFEST): ManifestAgent[] {
  return JSON.parse(readFileSync(manifest, "utf8")).agents;
}

export function agentPid(name: string): number {
  const pid = manifestAgents().find((agent) => agent.name === name)?.pid;
  if (!pid) throw new Error(`no process id for agent ${name} in the manifest`);
  return pid;
}

/** A client of one of the cluster's agents, to see what it says beside what the page shows. */
export function agentClient(name: string, manifest = E2E_MANIFEST): AgentClient {
  const agent = manifestAgents(manifest).find((candidate) => candidate.name === name);
  if (!agent) throw new Error(`no agent ${name} in ${manifest}`);
  return new AgentClient({ url: agent.url, token: agent.token });
}
