import { fitBlocks } from "../memory/fit-blocks";
import { snapshotDomainFacts, snapshotHostFacts, snapshotMoveKind } from "../prechecks/from-snapshot";
import { failedChecks, runPrechecks } from "../prechecks/run-prechecks";
import type { Plan } from "./plan-types";
import type { Snapshot, SnapshotDomain } from "./snapshot-schema";

/**
 * An independent check of a plan against its snapshot, sharing none of the planner's machinery:
 * it replays the waves on plain maps and asks runPrechecks about every move on the facts of its
 * moment (earlier waves done, this wave's earlier arrivals in, this wave's departures still held),
 * and checks the rules, the parallel limit, single moves and the hosts that must be emptied.
 * Returns the problems found, an empty list for a valid plan. Tests use it; the dashboard may check
 * a plan again before applying it.
 */

interface HostState {
  strands: number;
  memory: number;
  ports: number;
  blocks: number[] | undefined;
  residents: Set<string>;
}

export function verifyPlan(snapshot: Snapshot, plan: Pick<Plan, "moves" | "unplaceable">): string[] {
  const problems: string[] = [];
  const { policy } = snapshot;
  const domains = new Map(snapshot.domains.map((domain) => [domain.name, domain]));
  const hostsByName = new Map(snapshot.hosts.map((host) => [host.name, host]));
  const where = new Map(snapshot.domains.map((domain) => [domain.name, domain.host]));
  const drained = new Set([
    ...policy.evacuate,
    ...snapshot.hosts.filter((h) => h.maintenance).map((h) => h.name),
  ]);
  const excluded = new Set(snapshot.rules.flatMap((rule) => (rule.kind === "exclude" ? [rule.domain] : [])));
  const holds = (domain: SnapshotDomain) => domain.state !== "inactive";
  const state = new Map<string, HostState>(
    snapshot.hosts.map((host) => [
      host.name,
      {
        strands: 0,
        memory: 0,
        ports: host.consolePorts,
        blocks: host.freeMemoryBlocksMiB?.slice(),
        residents: new Set(),
      },
    ]),
  );
  for (const domain of snapshot.domains) {
    const host = state.get(domain.host);
    host?.residents.add(domain.name);
    if (host && holds(domain)) {
      host.strands += domain.vcpus;
      host.memory += domain.memoryMiB;
    }
  }
  const seen = new Set<string>();
  for (const move of plan.moves) {
    if (seen.has(move.domain)) problems.push(`${move.domain} moves more than once`);
    seen.add(move.domain);
    if (excluded.has(move.domain)) problems.push(`${move.domain} is excluded but moves`);
    if (drained.has(move.to)) problems.push(`${move.domain} moves to ${move.to}, which is being emptied`);
  }
  const waves = [...new Set(plan.moves.map((move) => move.wave))].sort((a, b) => a - b);
  for (const wave of waves) {
    const moves = plan.moves.filter((move) => move.wave === wave);
    const perHost = new Map<string, number>();
    for (const move of moves) {
      for (const host of [move.from, move.to]) perHost.set(host, (perHost.get(host) ?? 0) + 1);
    }
    for (const [host, count] of perHost) {
      if (count > policy.maxParallelPerHost)
        problems.push(`wave ${wave}: ${host} takes part in ${count} moves`);
    }
    for (const move of moves) checkMove(move, wave);
    for (const move of moves) {
      const domain = domains.get(move.domain);
      const source = state.get(move.from);
      if (!domain || !source) continue;
      source.residents.delete(domain.name);
      source.ports += 1;
      if (holds(domain)) {
        source.strands -= domain.vcpus;
        source.memory -= domain.memoryMiB;
        source.blocks?.push(...(domain.memoryBlocksMiB ?? [domain.memoryMiB]));
      }
    }
  }
  checkEnd();
  return problems;

  function checkMove(move: Plan["moves"][number], wave: number): void {
    const domain = domains.get(move.domain);
    const source = hostsByName.get(move.from);
    const target = hostsByName.get(move.to);
    const from = state.get(move.from);
    const to = state.get(move.to);
    if (!domain || !source || !target || !from || !to) {
      problems.push(
        `wave ${wave}: ${move.domain} from ${move.from} to ${move.to} names an unknown domain or host`,
      );
      return;
    }
    if (where.get(domain.name) !== move.from)
      problems.push(`${domain.name} is not on ${move.from} when it moves`);
    if (move.kind !== snapshotMoveKind(domain))
      problems.push(`${domain.name} moves ${move.kind} but is ${domain.state}`);
    const free = (host: typeof source, current: HostState) => ({
      strands: Math.floor(host.cpu.strands * policy.cpuOvercommit + 1e-9) - current.strands,
      memoryMiB: host.memoryMiB - current.memory,
      memoryBlocksMiB: current.blocks,
      consolePorts: current.ports,
    });
    const checks = runPrechecks({
      source: snapshotHostFacts(source, free(source, from)),
      target: snapshotHostFacts(target, free(target, to)),
      domain: snapshotDomainFacts(domain),
      kind: move.kind,
    });
    for (const failed of failedChecks(checks))
      problems.push(`wave ${wave}: ${domain.name} to ${target.name}: ${failed.message}`);
    for (const rule of snapshot.rules) {
      if (rule.kind === "pin" && rule.domain === domain.name && !rule.hosts.includes(target.name)) {
        problems.push(`wave ${wave}: ${domain.name} is pinned elsewhere than ${target.name}`);
      }
      if (rule.kind === "anti-affinity" && rule.domains.includes(domain.name)) {
        const there = rule.domains.find((other) => other !== domain.name && to.residents.has(other));
        if (there)
          problems.push(
            `wave ${wave}: ${domain.name} joins ${there} on ${target.name} against anti-affinity`,
          );
      }
    }
    to.residents.add(domain.name);
    to.ports -= 1;
    if (holds(domain)) {
      to.strands += domain.vcpus;
      to.memory += domain.memoryMiB;
      if (to.blocks) to.blocks = take(to.blocks, domain.memoryBlocksMiB ?? [domain.memoryMiB]);
    }
    where.set(domain.name, target.name);
  }

  function checkEnd(): void {
    const unplaceable = new Set(plan.unplaceable.map((entry) => entry.domain));
    for (const name of unplaceable)
      if (seen.has(name)) problems.push(`${name} is both moved and unplaceable`);
    for (const [name, host] of where) {
      if (drained.has(host) && !unplaceable.has(name))
        problems.push(`${name} is left on ${host} and not listed unplaceable`);
    }
    for (const rule of snapshot.rules) {
      if (rule.kind !== "affinity" || !rule.domains.some((name) => seen.has(name))) continue;
      const hosts = new Set(rule.domains.map((name) => where.get(name)));
      if (hosts.size > 1)
        problems.push(`affinity group ${rule.domains.join(", ")} ends up on ${[...hosts].join(", ")}`);
    }
  }
}

/** Free ranges after binding `blocks` where lib/memory places them; a failed fit is left to runPrechecks. */
function take(free: number[], blocks: number[]): number[] {
  let offset = 0;
  const ranges = free.map((size) => {
    const range = { start: offset, size };
    offset += size + 1;
    return range;
  });
  const fit = fitBlocks(blocks, ranges);
  if (!fit.ok) return free;
  const left = ranges.map((range) => range.size);
  fit.starts.forEach((start, index) => {
    const at = ranges.findIndex((range) => start >= range.start && start < range.start + range.size);
    left[at] = (left[at] ?? 0) - (blocks[index] ?? 0);
  });
  return left.filter((size) => size > 0);
}
