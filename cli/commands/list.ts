import type { ClusterClient } from "../../lib/agent-client/cluster-client";
import { memory, table, uptime } from "../table";

/** `list [HOST]`: the domains, as `ldm list` shows them, with the host each is on. */
export async function listDomains(cluster: ClusterClient, host?: string): Promise<string> {
  const rows: string[][] = [];
  const problems: string[] = [];
  for (const answer of await cluster.domains()) {
    if (host && answer.name !== host) continue;
    if (!answer.ok) {
      problems.push(`${answer.name}: unreachable (${answer.error})`);
      continue;
    }
    for (const domain of answer.value) {
      rows.push([
        answer.name,
        domain.name,
        domain.state,
        domain.flags,
        domain.consolePort === null ? "" : String(domain.consolePort),
        String(domain.vcpus),
        memory(domain.memoryMiB),
        domain.state === "active" ? `${domain.utilization.toFixed(1)}%` : "",
        uptime(domain.uptimeSeconds),
      ]);
    }
  }
  if (host && !cluster.agent(host)) throw new Error(`no host ${host} in the cluster`);
  return [
    table(["HOST", "NAME", "STATE", "FLAGS", "CONS", "VCPU", "MEMORY", "UTIL", "UPTIME"], rows),
    ...problems,
  ].join("\n");
}

/** `list-hosts`: every host and its free resources. */
export async function listHosts(cluster: ClusterClient): Promise<string> {
  const rows: string[][] = [];
  for (const answer of await cluster.hosts()) {
    if (!answer.ok) {
      rows.push([answer.name, "unreachable", "", "", "", "", "", answer.url]);
      continue;
    }
    const host = answer.value;
    rows.push([
      host.name,
      `${host.cpu.model} ${host.cpu.mhz}MHz`,
      `${host.cpu.strandsFree}/${host.cpu.strandsTotal}`,
      `${memory(host.memory.freeMiB)}/${memory(host.memory.totalMiB)}`,
      host.memory.freeBlocks[0] ? memory(host.memory.freeBlocks[0].sizeMiB) : "0M",
      String(host.console?.freePorts.length ?? 0),
      `${host.domains.active}/${host.domains.total}`,
      answer.url,
    ]);
  }
  return table(
    ["HOST", "CPU", "FREE STRANDS", "FREE MEMORY", "LARGEST BLOCK", "FREE CONS", "DOMAINS", "AGENT"],
    rows,
  );
}
