import { readFileSync } from "node:fs";

/** The demo cluster the dashboard under test runs against: its manifest, with each agent's process id. */
export interface ManifestAgent {
  name: string;
  url: string;
  token: string;
  pid?: number;
}

export function manifestAgents(): ManifestAgent[] {
  return JSON.parse(readFileSync(".cluster/e2e-manifest.json", "utf8")).agents;
}

export function agentPid(name: string): number {
  const pid = manifestAgents().find((agent) => agent.name === name)?.pid;
  if (!pid) throw new Error(`no process id for agent ${name} in the manifest`);
  return pid;
}
