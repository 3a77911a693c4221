import type { DomainState } from "../../../lib/schemas/domain";
import type { GuestRunState } from "./guest-process";
import type { QemuDomain } from "./qemu-domain";

/**
 * A QEMU domain's state in the API's (LDoms') terms, from whether it has a QEMU process and what
 * that process says: running is `active`; a copy being built by a live or warm migration is `bound`;
 * any other live process (paused, stopped for a migration's last copy, migrated away and waiting to
 * be ended) is `suspended`: it holds its resources but does not run; no process is `inactive`.
 */
export function domainState(domain: QemuDomain, runState: GuestRunState | null): DomainState {
  if (domain.incoming !== null) {
    // A cold copy is a definition only; a live or warm one holds its resources from creation on,
    // even before its QEMU is up or after it died (until the coordinator destroys the copy).
    if (domain.incoming.kind === "cold") return "inactive";
    return "bound";
  }
  if (runState === null || runState === "exited") return "inactive";
  return runState === "running" ? "active" : "suspended";
}

/** Whether the domain holds the host's resources: its QEMU runs, or an incoming copy is reserved. */
export function holdsResources(domain: QemuDomain, runState: GuestRunState | null): boolean {
  return domainState(domain, runState) !== "inactive";
}
