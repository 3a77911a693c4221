import type { Domain } from "../schemas/domain";
import type { Host } from "../schemas/host";
import type { MigrationStatus } from "../schemas/migration";
import type { ClusterSnapshot, HostView } from "./snapshot";

/** Small snapshots for the dashboard's unit tests: only what a test names differs from a plain idle domain. */

export function fakeDomain(name: string, extra: Partial<Domain> = {}): Domain {
  return {
    name,
    state: "active",
    flags: "-n----",
    vcpus: 1,
    memoryMiB: 1024,
    memoryBlocks: [{ realAddress: "0x8000000", physicalAddress: "0x400000000", sizeMiB: 1024 }],
    cpuArch: "native",
    strands: [8],
    networks: [],
    disks: [],
    directIO: [],
    cryptoUnits: 0,
    delayedReconfig: false,
    consolePort: 5000,
    workload: { cpuUsed: 0.1, dirtyRateMiBps: 1, wwsMiB: 64, pattern: "random" },
    utilization: 10,
    uptimeSeconds: 60,
    migration: null,
    ...extra,
  };
}

export function fakeHostView(name: string, domains: Domain[], extra: Partial<HostView> = {}): HostView {
  return {
    name,
    url: `http://${name}.test:7000`,
    reachable: true,
    error: null,
    host: { name, volumes: [] } as unknown as Host,
    domains,
    migrations: [],
    ...extra,
  };
}

export function fakeMigration(extra: Partial<MigrationStatus> = {}): MigrationStatus {
  return {
    id: "m1",
    domain: "web1",
    targetName: "web1",
    role: "source",
    source: "h1",
    target: "h2",
    sourceUrl: "http://h1.test:7000",
    targetUrl: "http://h2.test:7000",
    kind: "live",
    phase: "transfer",
    progress: 34,
    transferredBytes: 1,
    remainingBytes: 2,
    totalBytes: 3,
    round: 1,
    dirtyRateBytesPerSec: 0,
    expectedDowntimeMs: 0,
    downtimeMs: null,
    bandwidthBytesPerSec: 1,
    downtimeLimitMs: 300,
    prediction: null,
    startedAt: "2025-01-01T00:00:00.000Z",
    endedAt: null,
    error: null,
    ...extra,
  };
}

export function fakeSnapshot(hosts: HostView[]): ClusterSnapshot {
  return { takenAt: "2025-01-01T00:00:01.000Z", hosts };
}
