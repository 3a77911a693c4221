import type { DomainState } from "./schemas/domain";

/**
 * The FLAGS column of `ldm list`, six characters:
 *   1 `s` starting or stopping, 2 `n` normal, 3 `d` delayed reconfiguration,
 *   4 `c` control domain, 5 `v` virtual I/O service domain,
 *   6 `s` migration source, `t` migration target, `e` an error occurred in a migration.
 */
export type MigrationMark = "s" | "t" | "e" | null;

export function domainFlags(args: {
  state: DomainState;
  delayedReconfig: boolean;
  control?: boolean;
  ioService?: boolean;
  transitioning?: boolean;
  migration: MigrationMark;
}): string {
  const normal = args.state === "active" || args.state === "suspended";
  return [
    args.transitioning ? "s" : "-",
    normal ? "n" : "-",
    args.delayedReconfig ? "d" : "-",
    args.control ? "c" : "-",
    args.ioService ? "v" : "-",
    args.migration ?? "-",
  ].join("");
}
