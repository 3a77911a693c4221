import { fail, type PrecheckResult, pass } from "../codes";
import type { DomainFacts, PrecheckInput } from "../facts";

/** Checks on the domain itself and on operations pending on either host. */

export function notDirectIO({ domain }: PrecheckInput): PrecheckResult {
  return domain.directIO.length > 0
    ? fail(
        "DIRECT_IO_DOMAIN",
        `domain ${domain.name} has direct access to physical devices (${domain.directIO.join(", ")}): an I/O domain cannot migrate`,
      )
    : pass("DIRECT_IO_DOMAIN", "no direct I/O devices");
}

export function cryptoSingleVcpu({ domain }: PrecheckInput): PrecheckResult {
  return domain.cryptoUnits > 0 && domain.vcpus > 1
    ? fail(
        "CRYPTO_MULTI_VCPU",
        `domain ${domain.name} has ${domain.cryptoUnits} bound crypto unit(s) and ${domain.vcpus} VCPUs; remove the crypto units or reduce it to one VCPU`,
      )
    : pass(
        "CRYPTO_MULTI_VCPU",
        domain.cryptoUnits > 0 ? "crypto units with a single VCPU" : "no crypto units",
      );
}

export function noDelayedReconfig({ source, target, domain }: PrecheckInput): PrecheckResult | null {
  const pending = [
    domain.delayedReconfig ? `domain ${domain.name}` : null,
    source.delayedReconfig ? `source ${source.name}` : null,
    target?.delayedReconfig ? `target ${target.name}` : null,
  ].filter((where): where is string => where !== null);
  if (pending.length > 0) {
    return fail("DELAYED_RECONFIG", `a delayed reconfiguration is pending on ${pending.join(" and ")}`);
  }
  const known = [source.delayedReconfig, target?.delayedReconfig, domain.delayedReconfig];
  if (known.every((fact) => fact === undefined)) return null;
  return pass("DELAYED_RECONFIG", "no delayed reconfiguration pending");
}

export function notBusy({ domain }: PrecheckInput): PrecheckResult | null {
  if (domain.busy === undefined) return null;
  return domain.busy
    ? fail("DOMAIN_BUSY", `domain ${domain.name} is busy: ${domain.busy}`)
    : pass("DOMAIN_BUSY", "no other operation on the domain");
}

export function nameFree({ target, domain, targetName }: PrecheckInput): PrecheckResult | null {
  if (target?.domainNames === undefined) return null;
  const name = targetName ?? domain.name;
  return target.domainNames.includes(name)
    ? fail(
        "NAME_TAKEN",
        `target ${target.name} already has a domain named ${name} (migrate as ${domain.name}@target:newname to rename)`,
      )
    : pass("NAME_TAKEN", `name ${name} is free on the target`);
}

/** Which kinds a domain's state allows: cold moves a definition only, so it needs a guest that holds no state. */
const KINDS_FOR_STATE: Record<DomainFacts["state"], string[]> = {
  active: ["live", "warm"],
  suspended: ["warm"],
  bound: ["cold"],
  inactive: ["cold"],
};

export function kindSuitsState({ domain, kind }: PrecheckInput): PrecheckResult | null {
  if (kind === undefined) return null;
  const allowed = KINDS_FOR_STATE[domain.state];
  if (allowed.includes(kind))
    return pass("KIND_UNSUITABLE", `${kind} migration suits a domain that is ${domain.state}`);
  return fail(
    "KIND_UNSUITABLE",
    `domain ${domain.name} is ${domain.state}; a ${kind} migration cannot move it (use ${allowed.join(" or ")})`,
  );
}
