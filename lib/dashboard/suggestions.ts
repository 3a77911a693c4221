import "server-only";
import { parseSnapshot } from "../planner/parse-snapshot";
import { plan as makePlan } from "../planner/plan";
import type { Plan } from "../planner/plan-types";
import { hypothetical } from "../planner/what-if";
import type { SuggestRequest } from "../validations/planner";
import { type HostBalance, hostBalances } from "./host-balance";
import { liveSnapshot } from "./live-cluster";
import { plannerInput } from "./planner-input";
import { hostsInMaintenance, listRules, plannerSettings } from "./planner-store";

/**
 * Suggestions from the agents' live inventories: the planner run on what they report now, with the
 * saved settings and rules, the hosts in maintenance, and the request's what-ifs (hosts to drain,
 * rules to try, another aggressiveness), none of which is saved.
 */

export interface Suggestions {
  takenAt: string;
  plan: Plan;
  hosts: HostBalance[];
  unreachable: string[];
  maintenance: string[];
}

/** `maxAgeMs`: how old the agents' round may be (the page shares the live one; applying asks afresh). */
export async function suggest(request: SuggestRequest, maxAgeMs?: number): Promise<Suggestions> {
  const [snapshot, settings, rules, maintenance] = await Promise.all([
    liveSnapshot(maxAgeMs),
    plannerSettings(),
    listRules(),
    hostsInMaintenance(),
  ]);
  const inMaintenance = maintenance.map((row) => row.host);
  const saved = parseSnapshot(
    plannerInput(snapshot, {
      rules: rules.map((stored) => stored.rule),
      maintenance: inMaintenance,
      policy: { ...settings, goal: request.goal, evacuate: request.evacuate },
    }),
  );
  // The what-ifs go through the planner's own hypothetical, so they mean what they mean for the CLI.
  const input = hypothetical(saved, {
    drain: request.drain.filter((name) => saved.hosts.some((host) => host.name === name)),
    rules: request.rules,
    aggressiveness: request.aggressiveness,
  });
  const plan = makePlan(input);
  return {
    takenAt: snapshot.takenAt,
    plan,
    hosts: hostBalances(input, plan),
    unreachable: snapshot.hosts.filter((view) => !view.reachable).map((view) => view.name),
    maintenance: inMaintenance,
  };
}
