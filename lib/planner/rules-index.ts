import { Bitset } from "./bitset";
import type { Rule } from "./snapshot-schema";

/**
 * The rules of a snapshot by domain index. Affinity rules that share a domain chain into one group
 * (a keeps with b, b with c: all three together); a group is the unit that moves, whole or not at all.
 */

export interface RulesIndex {
  excluded: Uint8Array;
  /** Hosts a domain may be on (the intersection of its pin rules); undefined when unpinned. */
  pins: (Bitset | undefined)[];
  /** Anti-affinity rule ids per domain, and the domains of each such rule. */
  antiOf: number[][];
  antiMembers: number[][];
  /** Each domain's unit (its affinity group, or itself alone) and each unit's domains. */
  unitOf: Int32Array;
  unitMembers: number[][];
}

export function indexRules(
  rules: readonly Rule[],
  domainCount: number,
  hostCount: number,
  domainIndex: ReadonlyMap<string, number>,
  hostIndex: ReadonlyMap<string, number>,
): RulesIndex {
  const find = (name: string) => {
    const index = domainIndex.get(name);
    if (index === undefined) throw new Error(`rule names unknown domain ${name}`);
    return index;
  };
  const excluded = new Uint8Array(domainCount);
  const pins: (Bitset | undefined)[] = new Array(domainCount).fill(undefined);
  const antiOf: number[][] = Array.from({ length: domainCount }, () => []);
  const antiMembers: number[][] = [];
  const parent = Int32Array.from({ length: domainCount }, (_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    let j = i;
    while (parent[j] !== r) {
      const next = parent[j] ?? r;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  for (const rule of rules) {
    if (rule.kind === "exclude") excluded[find(rule.domain)] = 1;
    else if (rule.kind === "pin") {
      const allowed = Bitset.of(
        hostCount,
        rule.hosts.flatMap((host) => {
          const index = hostIndex.get(host);
          return index === undefined ? [] : [index];
        }),
      );
      const domain = find(rule.domain);
      pins[domain] = pins[domain]?.and(allowed) ?? allowed;
    } else if (rule.kind === "anti-affinity") {
      const members = rule.domains.map(find);
      for (const member of members) antiOf[member]?.push(antiMembers.length);
      antiMembers.push(members);
    } else {
      const [first, ...rest] = rule.domains.map(find);
      for (const other of rest) parent[root(other)] = root(first ?? other);
    }
  }
  const unitOf = new Int32Array(domainCount);
  const unitMembers: number[][] = [];
  const unitOfRoot = new Map<number, number>();
  for (let domain = 0; domain < domainCount; domain++) {
    const r = root(domain);
    let unit = unitOfRoot.get(r);
    if (unit === undefined) {
      unit = unitMembers.length;
      unitOfRoot.set(r, unit);
      unitMembers.push([]);
    }
    unitOf[domain] = unit;
    unitMembers[unit]?.push(domain);
  }
  return { excluded, pins, antiOf, antiMembers, unitOf, unitMembers };
}
