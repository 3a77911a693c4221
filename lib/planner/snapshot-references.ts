import type { Snapshot } from "./snapshot-schema";

/**
 * The checks zod cannot make alone: names unique, every reference to a host or a domain known,
 * and a domain's memory blocks adding up to its memory. Returns the first problem, or null.
 */
export function checkReferences(snapshot: Snapshot): string | null {
  const hosts = new Set<string>();
  for (const [index, host] of snapshot.hosts.entries()) {
    if (hosts.has(host.name)) return `hosts[${index}].name: duplicate host "${host.name}"`;
    hosts.add(host.name);
  }
  const domains = new Set<string>();
  for (const [index, domain] of snapshot.domains.entries()) {
    if (domains.has(domain.name)) return `domains[${index}].name: duplicate domain "${domain.name}"`;
    domains.add(domain.name);
    if (!hosts.has(domain.host)) return `domains[${index}].host: unknown host "${domain.host}"`;
    const blocks = domain.memoryBlocksMiB;
    if (blocks) {
      const sum = blocks.reduce((total, size) => total + size, 0);
      if (sum !== domain.memoryMiB) {
        return `domains[${index}].memoryBlocksMiB: blocks add up to ${sum} MiB, memoryMiB is ${domain.memoryMiB}`;
      }
    }
  }
  for (const [index, rule] of snapshot.rules.entries()) {
    const names = rule.kind === "affinity" || rule.kind === "anti-affinity" ? rule.domains : [rule.domain];
    const field = rule.kind === "affinity" || rule.kind === "anti-affinity" ? "domains" : "domain";
    for (const [position, name] of names.entries()) {
      if (!domains.has(name)) {
        const at = field === "domains" ? `domains[${position}]` : "domain";
        return `rules[${index}].${at}: unknown domain "${name}"`;
      }
    }
    if (new Set(names).size !== names.length) return `rules[${index}].domains: a domain is named twice`;
    if (rule.kind === "pin") {
      const unknown = rule.hosts.findIndex((host) => !hosts.has(host));
      if (unknown >= 0) return `rules[${index}].hosts[${unknown}]: unknown host "${rule.hosts[unknown]}"`;
    }
  }
  const unknown = snapshot.policy.evacuate.findIndex((host) => !hosts.has(host));
  if (unknown >= 0) {
    return `policy.evacuate[${unknown}]: unknown host "${snapshot.policy.evacuate[unknown]}"`;
  }
  return null;
}
