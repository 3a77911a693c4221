import { snapshotHostFacts, snapshotMoveKind } from "../prechecks/from-snapshot";
import { runPrechecks } from "../prechecks/run-prechecks";
import type { PlanContext } from "./context";
import type { FailedCheck } from "./plan-types";
import { antiAffinityPartner, RULE_CODES, ruleMessage } from "./rule-checks";
import { EMPTIED_CODE, rankRejected, type Survey } from "./survey";

/**
 * The entry for a domain that must move and cannot: which checks failed, on how many hosts, with
 * one host's message for each, worded by runPrechecks itself (or by the rule that refused it).
 */

export function listUnplaceable(ctx: PlanContext, unit: number, why: string, survey: Survey | null): void {
  const { placement, model } = ctx;
  const members = placement.members(unit);
  const immovable = placement.immovable(unit);
  for (const d of members) {
    const domain = model.domains[d];
    if (!domain) continue;
    const host = model.hosts[ctx.ledger.hostOf[d] ?? 0]?.name ?? "?";
    let failed: FailedCheck[];
    if (immovable) {
      const [code, culprit] = immovable;
      failed = [{ code, hosts: model.hosts.length - 1, message: messageFor(ctx, code, culprit, -1) }];
    } else {
      failed = survey
        ? rankRejected(survey).map(({ code, hosts, example }) => ({
            code,
            hosts,
            message: messageFor(ctx, code, d, example),
          }))
        : [];
    }
    const group =
      members.length > 1
        ? ` with its affinity group (${members.map((m) => model.domains[m]?.name).join(", ")})`
        : "";
    const [first, ...rest] = failed;
    const detail = first
      ? immovable
        ? first.message
        : `no host can take it${group}: ${first.message} (${first.hosts} hosts)${rest
            .slice(0, 4)
            .map((check) => `; ${check.code} on ${check.hosts} hosts`)
            .join("")}`
      : "no host in service to take it";
    ctx.unplaceable.push({
      domain: domain.name,
      host,
      reason: `must leave ${host} (${why}); ${detail}`,
      failed,
    });
  }
}

function messageFor(ctx: PlanContext, code: string, d: number, example: number): string {
  const { model, ledger, placement } = ctx;
  const domain = model.domains[d];
  const sourceIndex = ledger.hostOf[d] ?? 0;
  const source = model.hosts[sourceIndex];
  if (code === EMPTIED_CODE) return `${code}: ${model.hosts[example]?.name} is being emptied by this plan`;
  if (!domain || !source) return code;
  const targetIndex = example >= 0 ? example : sourceIndex;
  const target = model.hosts[targetIndex];
  if (target && !code.startsWith("RULE_") && !code.startsWith("HOST_")) {
    const checks = runPrechecks({
      source: snapshotHostFacts(source, ledger.freeAfterAll(sourceIndex)),
      target: snapshotHostFacts(target, ledger.freeAfterAll(targetIndex)),
      domain: placement.domainFacts(d),
      kind: snapshotMoveKind(domain),
    });
    const found = checks.find((check) => check.code === code && !check.ok);
    if (found) return found.message;
  }
  const partner =
    code === RULE_CODES.antiAffinity
      ? (antiAffinityPartner(model, ledger, d, targetIndex, Number.POSITIVE_INFINITY) ?? undefined)
      : undefined;
  return ruleMessage(model, code, d, targetIndex, partner);
}
