import type { Rule, SnapshotDomain } from "../snapshot-schema";
import type { Random } from "./random";

/**
 * Rules for a generated cluster, all of them kept by the generated placement (so a plan has no
 * repairs to make): affinity pairs of domains on one host, anti-affinity pairs on different hosts
 * of a pod, pins to a few hosts of the domain's pod (its own among them), a few excluded domains.
 */
export function generateRules(
  random: Random,
  domains: readonly SnapshotDomain[],
  hosts: readonly { name: string }[],
  podSize: number,
): Rule[] {
  const rules: Rule[] = [];
  const hostIndex = new Map(hosts.map((host, index) => [host.name, index]));
  const used = new Set<string>();
  const take = (domain: SnapshotDomain | undefined) => {
    if (!domain || used.has(domain.name)) return false;
    used.add(domain.name);
    return true;
  };
  for (let i = 0; i + 1 < domains.length; i++) {
    const domain = domains[i];
    const next = domains[i + 1];
    if (!domain || !next) continue;
    const roll = random.next();
    if (roll < 0.01 && next.host === domain.host && take(domain) && take(next)) {
      rules.push({ kind: "affinity", domains: [domain.name, next.name] });
    } else if (roll < 0.02) {
      const other = domains[i + random.int(20, 60)];
      if (other && other.host !== domain.host && take(domain) && take(other)) {
        rules.push({ kind: "anti-affinity", domains: [domain.name, other.name] });
      }
    } else if (roll < 0.03 && take(domain)) {
      const here = hostIndex.get(domain.host) ?? 0;
      const podStart = Math.floor(here / podSize) * podSize;
      const choices = new Set([domain.host]);
      for (let k = 0; k < 4; k++)
        choices.add(
          hosts[Math.min(hosts.length - 1, podStart + random.int(0, podSize - 1))]?.name ?? domain.host,
        );
      rules.push({ kind: "pin", domain: domain.name, hosts: [...choices] });
    } else if (roll < 0.035 && take(domain)) {
      rules.push({ kind: "exclude", domain: domain.name });
    }
  }
  return rules;
}
