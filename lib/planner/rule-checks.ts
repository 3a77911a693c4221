import type { Ledger } from "./ledger";
import type { Model } from "./model";

/**
 * The snapshot's rules as checks with codes of their own, reported beside the pre-check codes.
 * Affinity is not checked here: a group moves as one unit (placement.ts), which is what it means.
 */

export const RULE_CODES = {
  exclude: "RULE_EXCLUDE",
  pin: "RULE_PIN",
  antiAffinity: "RULE_ANTI_AFFINITY",
  affinity: "RULE_AFFINITY",
  drained: "HOST_DRAINED",
} as const;

/**
 * The first anti-affinity partner of `d` that would share host `t` with it from `wave` on (one
 * there after every move so far, or one leaving `t` in that wave or later), or null.
 */
export function antiAffinityPartner(
  model: Model,
  ledger: Ledger,
  d: number,
  t: number,
  wave: number,
): number | null {
  for (const rule of model.rules.antiOf[d] ?? []) {
    for (const other of model.rules.antiMembers[rule] ?? []) {
      if (other === d) continue;
      if (ledger.hostOf[other] === t) return other;
      if (ledger.moved[other] && model.initialHost[other] === t && (ledger.waveOf[other] ?? -1) >= wave)
        return other;
    }
  }
  return null;
}

export function ruleMessage(model: Model, code: string, d: number, t: number, partner?: number): string {
  const name = model.domains[d]?.name ?? String(d);
  const host = model.hosts[t]?.name ?? String(t);
  switch (code) {
    case RULE_CODES.exclude:
      return `${code}: domain ${name} is excluded from moves by a rule`;
    case RULE_CODES.pin:
      return `${code}: domain ${name} is pinned to other hosts than ${host}`;
    case RULE_CODES.antiAffinity:
      return `${code}: ${host} holds ${model.domains[partner ?? -1]?.name ?? "a domain"}, which must not share a host with ${name}`;
    case RULE_CODES.drained:
      return `${code}: ${host} is being emptied and takes nothing new`;
    default:
      return `${code}: domain ${name} cannot go to ${host}`;
  }
}
