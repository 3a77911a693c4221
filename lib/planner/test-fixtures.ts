import { parseSnapshot } from "./parse-snapshot";
import type { Policy, Rule, Snapshot, SnapshotDomain, SnapshotHost } from "./snapshot-schema";

/**
 * Small snapshots for the planner's tests: hosts and domains that can all go anywhere unless a test
 * says otherwise (same CPU, hypervisor, switch and volume everywhere, room for a few domains).
 */

export function fakeHost(name: string, extra: Partial<SnapshotHost> = {}): SnapshotHost {
  return {
    name,
    cpu: { model: "SPARC-T4", mhz: 2848, strands: 64 },
    memoryMiB: 64 * 1024,
    hypervisor: "ldoms-3.6",
    switches: ["primary-vsw0"],
    volumes: { vol1: "san-a/lun1" },
    consolePorts: 16,
    ...extra,
  };
}

export function fakeDomain(name: string, host: string, extra: Partial<SnapshotDomain> = {}): SnapshotDomain {
  return {
    name,
    host,
    state: "active",
    vcpus: 4,
    cpuUsed: 2,
    memoryMiB: 8 * 1024,
    cpuArch: "native",
    switches: ["primary-vsw0"],
    volumes: ["vol1"],
    directIO: false,
    cryptoUnits: 0,
    ...extra,
  };
}

export function fakeSnapshot(
  hosts: SnapshotHost[],
  domains: SnapshotDomain[],
  policy: Partial<Policy> = {},
  rules: Rule[] = [],
): Snapshot {
  return parseSnapshot({ hosts, domains, rules, policy: { goal: "balance", ...policy } });
}

/** `count` domains named `${prefix}1..` on `host`, each with the given shape. */
export function domainsOn(host: string, count: number, prefix: string, extra: Partial<SnapshotDomain> = {}) {
  return Array.from({ length: count }, (_, i) => fakeDomain(`${prefix}${i + 1}`, host, extra));
}
