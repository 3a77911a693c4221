import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { QmpClient } from "./qmp-client";

/**
 * The QMP queries the driver's decisions rest on, with their answers checked and renamed to
 * camelCase. Times are in milliseconds and sizes in bytes, as QEMU gives them, unless a name says
 * otherwise.
 */

const migrationStatus = z.enum([
  "none",
  "setup",
  "cancelling",
  "cancelled",
  "active",
  "postcopy-active",
  "postcopy-paused",
  "postcopy-recover",
  "completed",
  "failed",
  "colo",
  "pre-switchover",
  "device",
  "wait-unplug",
]);
export type MigrationStatus = z.infer<typeof migrationStatus>;

const ramStats = z
  .object({
    transferred: z.number(),
    remaining: z.number(),
    total: z.number(),
    duplicate: z.number(),
    normal: z.number(),
    "normal-bytes": z.number(),
    "dirty-pages-rate": z.number(),
    mbps: z.number(),
    "dirty-sync-count": z.number(),
    "page-size": z.number(),
    "pages-per-second": z.number().optional(),
  })
  .transform((ram) => ({
    transferred: ram.transferred,
    remaining: ram.remaining,
    total: ram.total,
    /** Pages found to be all zero (or one repeated byte): sent as a flag, almost for free. */
    duplicatePages: ram.duplicate,
    normalPages: ram.normal,
    normalBytes: ram["normal-bytes"],
    /** Pages the guest dirtied per second, measured over the last round. */
    dirtyPagesRate: ram["dirty-pages-rate"],
    /** Transfer rate in megabits per second. */
    mbps: ram.mbps,
    /** Dirty-bitmap syncs so far: the pre-copy rounds (the first sync starts round one). */
    dirtySyncCount: ram["dirty-sync-count"],
    pageSize: ram["page-size"],
    pagesPerSecond: ram["pages-per-second"],
  }));

const migrationInfo = z
  .object({
    status: migrationStatus.optional(), // absent before the first migration: "none"
    ram: ramStats.optional(),
    "setup-time": z.number().optional(),
    "total-time": z.number().optional(),
    "expected-downtime": z.number().optional(),
    downtime: z.number().optional(),
    "error-desc": z.string().optional(),
  })
  .transform((info) => ({
    status: info.status ?? ("none" as const),
    ram: info.ram,
    setupTimeMs: info["setup-time"],
    /** While active: time since start; once completed: the whole migration. */
    totalTimeMs: info["total-time"],
    /** QEMU's estimate of the stop-and-copy pause if it stopped now (while active). */
    expectedDowntimeMs: info["expected-downtime"],
    /** The guest's measured pause, once completed. */
    downtimeMs: info.downtime,
    error: info["error-desc"],
  }));
export type MigrationInfo = z.infer<typeof migrationInfo>;

const runState = z.enum([
  "debug",
  "inmigrate",
  "internal-error",
  "io-error",
  "paused",
  "postmigrate",
  "prelaunch",
  "finish-migrate",
  "restore-vm",
  "running",
  "save-vm",
  "shutdown",
  "suspended",
  "watchdog",
  "guest-panicked",
  "colo",
]);
export type RunState = z.infer<typeof runState>;

const statusInfo = z.object({ status: runState, running: z.boolean() });
export type StatusInfo = z.infer<typeof statusInfo>;

const dirtyRateInfo = z
  .object({
    status: z.enum(["unstarted", "measuring", "measured"]),
    "dirty-rate": z.number().optional(),
    "start-time": z.number(),
    "calc-time": z.number(),
    "sample-pages": z.number(),
    mode: z.string().optional(),
  })
  .transform((info) => ({
    status: info.status,
    /** MiB the guest dirtied per second, once measured. */
    dirtyRateMiBps: info["dirty-rate"],
    calcTimeSeconds: info["calc-time"],
    samplePagesPerGiB: info["sample-pages"],
    mode: info.mode,
  }));
export type DirtyRateInfo = z.infer<typeof dirtyRateInfo>;
export type DirtyRate = DirtyRateInfo & { dirtyRateMiBps: number };

export async function queryMigrate(qmp: QmpClient): Promise<MigrationInfo> {
  return parseMigrationInfo(await qmp.execute("query-migrate"));
}

export async function queryStatus(qmp: QmpClient): Promise<StatusInfo> {
  return parseStatusInfo(await qmp.execute("query-status"));
}

export function parseMigrationInfo(value: unknown): MigrationInfo {
  return parse("query-migrate", migrationInfo, value);
}

export function parseStatusInfo(value: unknown): StatusInfo {
  return parse("query-status", statusInfo, value);
}

export function parseDirtyRateInfo(value: unknown): DirtyRateInfo {
  return parse("query-dirty-rate", dirtyRateInfo, value);
}

export interface DirtyRateOptions {
  /**
   * Pages sampled per GiB of guest memory (QEMU takes 128 to 4096). 4096 unless given: QEMU's
   * default of 512 leaves a small guest with a few dozen samples in its writing set.
   */
  samplePagesPerGiB?: number;
}

/**
 * Measures how fast the guest dirties its memory, by hashing sampled pages `seconds` apart
 * (QMP calc-dirty-rate, then query-dirty-rate until measured). Takes `seconds` and a little more.
 */
export async function calcDirtyRate(
  qmp: QmpClient,
  seconds: number,
  options: DirtyRateOptions = {},
): Promise<DirtyRate> {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
    throw new Error(`calc-dirty-rate measures over 1 to 60 whole seconds, not ${seconds}`);
  }
  await qmp.execute("calc-dirty-rate", {
    "calc-time": seconds,
    "sample-pages": options.samplePagesPerGiB ?? 4096,
  });
  await sleep(seconds * 1000);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const info = parseDirtyRateInfo(await qmp.execute("query-dirty-rate"));
    if (info.status === "measured" && info.dirtyRateMiBps !== undefined) {
      return { ...info, dirtyRateMiBps: info.dirtyRateMiBps };
    }
    if (Date.now() > deadline)
      throw new Error(`calc-dirty-rate still ${info.status} ${seconds + 10} s after start`);
    await sleep(100);
  }
}

function parse<T>(command: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`QMP ${command} answered in an unexpected shape: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}
