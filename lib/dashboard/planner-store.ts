import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import type { Rule } from "../planner/snapshot-schema";
import type { PlannerSettingsInput, RuleInput } from "../validations/planner";

/** The planner's saved settings, the admins' placement rules and the hosts in maintenance. */

export const DEFAULT_PLANNER_SETTINGS: PlannerSettingsInput = {
  aggressiveness: 3,
  cpuOvercommit: 1,
  maxParallelPerHost: 2,
  linkMiBps: 119.2,
  targetUtilization: 0.8,
};

export async function plannerSettings(): Promise<PlannerSettingsInput> {
  const row = await db.plannerSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_PLANNER_SETTINGS;
  const { id: _id, updatedAt: _updatedAt, ...settings } = row;
  return settings;
}

export async function savePlannerSettings(settings: PlannerSettingsInput): Promise<void> {
  await db.plannerSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
}

export interface StoredRule {
  id: string;
  rule: Rule;
  note: string;
  createdAt: Date;
}

const names = z.array(z.string());

/** A stored row as a rule; a row that no longer reads as one (edited by hand) is skipped, not fatal. */
function toRule(row: { kind: string; domains: string; hosts: string }): Rule | null {
  const domains = names.safeParse(JSON.parse(row.domains));
  const hosts = names.safeParse(JSON.parse(row.hosts));
  if (!domains.success || !hosts.success) return null;
  const [first] = domains.data;
  if (row.kind === "affinity" || row.kind === "anti-affinity")
    return { kind: row.kind, domains: domains.data };
  if (row.kind === "pin" && first) return { kind: "pin", domain: first, hosts: hosts.data };
  if (row.kind === "exclude" && first) return { kind: "exclude", domain: first };
  return null;
}

export async function listRules(): Promise<StoredRule[]> {
  const rows = await db.placementRule.findMany({ orderBy: { createdAt: "asc" } });
  return rows.flatMap((row) => {
    try {
      const rule = toRule(row);
      return rule ? [{ id: row.id, rule, note: row.note, createdAt: row.createdAt }] : [];
    } catch {
      return [];
    }
  });
}

export async function addRule(input: RuleInput): Promise<void> {
  const domains = "domains" in input ? input.domains : [input.domain];
  const hosts = input.kind === "pin" ? input.hosts : [];
  await db.placementRule.create({
    data: {
      kind: input.kind,
      domains: JSON.stringify(domains),
      hosts: JSON.stringify(hosts),
      note: input.note,
    },
  });
}

export async function removeRule(id: string): Promise<boolean> {
  const { count } = await db.placementRule.deleteMany({ where: { id } });
  return count === 1;
}

export async function hostsInMaintenance(): Promise<{ host: string; since: Date; startedBy: string }[]> {
  return db.hostMaintenance.findMany({ orderBy: { host: "asc" } });
}

/** The names of the hosts in maintenance mode, for the overview and the hosts list. */
export async function maintenanceHostNames(): Promise<Set<string>> {
  const rows = await db.hostMaintenance.findMany({ select: { host: true } });
  return new Set(rows.map((row) => row.host));
}

/** A host's maintenance mode, as the host page shows it; null when it is in service. */
export async function maintenanceOf(host: string): Promise<{ since: string; startedBy: string } | null> {
  const row = await db.hostMaintenance.findUnique({ where: { host } });
  return row ? { since: row.since.toISOString(), startedBy: row.startedBy } : null;
}

export async function enterMaintenance(host: string, startedBy: string): Promise<void> {
  await db.hostMaintenance.upsert({ where: { host }, create: { host, startedBy }, update: {} });
}

export async function leaveMaintenance(host: string): Promise<boolean> {
  const { count } = await db.hostMaintenance.deleteMany({ where: { host } });
  return count === 1;
}
