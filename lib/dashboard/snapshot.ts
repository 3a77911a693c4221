import "server-only";
import type { Domain } from "../schemas/domain";
import type { Host } from "../schemas/host";
import type { MigrationStatus } from "../schemas/migration";
import { agentClients } from "./agents";

/**
 * The whole cluster as the agents report it now: every registered agent asked at once, each with
 * a timeout, so one dead host shows as unreachable instead of stalling the page.
 */

export interface HostView {
  name: string;
  url: string;
  reachable: boolean;
  error: string | null;
  host: Host | null;
  domains: Domain[];
  migrations: MigrationStatus[];
}

export interface ClusterSnapshot {
  takenAt: string;
  hosts: HostView[];
}

export async function clusterSnapshot(): Promise<ClusterSnapshot> {
  const agents = await agentClients();
  const hosts = await Promise.all(
    agents.map(async ({ agent, client }): Promise<HostView> => {
      try {
        const [host, domains, migrations] = await Promise.all([
          client.host(),
          client.domains(),
          client.migrations(),
        ]);
        return { name: agent.name, url: agent.url, reachable: true, error: null, host, domains, migrations };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          name: agent.name,
          url: agent.url,
          reachable: false,
          error: message,
          host: null,
          domains: [],
          migrations: [],
        };
      }
    }),
  );
  return { takenAt: new Date().toISOString(), hosts };
}
