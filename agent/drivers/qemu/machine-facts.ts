import { readFileSync } from "node:fs";

/**
 * What this machine says about itself, read from /proc: its memory, its CPU, and what each QEMU
 * process uses. The parsers are pure so that they can be tested on captured text.
 */

export interface MemoryFacts {
  totalMiB: number;
  /** What the kernel estimates can be given to new work without swapping (MemAvailable). */
  availableMiB: number;
}

export interface CpuFacts {
  model: string;
  mhz: number;
  logicalCpus: number;
  threadsPerCore: number;
}

/** /proc/meminfo: values are in kB. */
export function parseMeminfo(text: string): MemoryFacts {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s*kB`, "m").exec(text);
    if (!match?.[1]) throw new Error(`/proc/meminfo has no ${name} line`);
    return Math.floor(Number(match[1]) / 1024);
  };
  return { totalMiB: field("MemTotal"), availableMiB: field("MemAvailable") };
}

/**
 * /proc/cpuinfo. The frequency is rounded to 10 MHz: agents on one machine compare it (a pre-check
 * wants the same frequency), and the last digits wander on some machines.
 */
export function parseCpuinfo(text: string): CpuFacts {
  const processors = text.split(/\n\s*\n/).filter((block) => /^processor\s*:/m.test(block));
  const first = processors[0];
  if (!first) throw new Error("/proc/cpuinfo lists no processor");
  const value = (block: string, key: string): string | undefined =>
    new RegExp(`^${key}\\s*:\\s*(.*)$`, "m").exec(block)?.[1]?.trim();
  const model = value(first, "model name") ?? value(first, "cpu model") ?? "unknown";
  const mhz = Number(value(first, "cpu MHz") ?? Number.NaN);
  const siblings = Number(value(first, "siblings") ?? Number.NaN);
  const cores = Number(value(first, "cpu cores") ?? Number.NaN);
  const threadsPerCore =
    Number.isFinite(siblings) && Number.isFinite(cores) && cores > 0 && siblings >= cores
      ? Math.max(1, Math.round(siblings / cores))
      : 1;
  return {
    model,
    mhz: Number.isFinite(mhz) ? Math.round(mhz / 10) * 10 : 0,
    logicalCpus: processors.length,
    threadsPerCore,
  };
}

/** `qemu-system-x86_64 --version`: "QEMU emulator version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u18)". */
export function parseQemuVersion(text: string): string {
  const match = /QEMU emulator version (\d+\.\d+(?:\.\d+)?)/.exec(text);
  if (!match?.[1]) throw new Error(`cannot read QEMU's version from: ${text.trim().slice(0, 120)}`);
  return match[1];
}

export interface ProcessUsage {
  rssMiB: number;
  /** User plus system CPU time, in clock ticks. */
  cpuTicks: number;
}

/** /proc/PID/stat: fields after the command name (which may hold spaces and parentheses). */
export function parseProcessStat(stat: string, status: string): ProcessUsage {
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name and state.
  const cpuTicks = Number(afterName[11]) + Number(afterName[12]);
  const rss = /^VmRSS:\s+(\d+)\s*kB/m.exec(status)?.[1];
  return { rssMiB: rss ? Number(rss) / 1024 : 0, cpuTicks: Number.isFinite(cpuTicks) ? cpuTicks : 0 };
}

export function readMemoryFacts(): MemoryFacts {
  return parseMeminfo(readFileSync("/proc/meminfo", "utf8"));
}

export function readCpuFacts(): CpuFacts {
  return parseCpuinfo(readFileSync("/proc/cpuinfo", "utf8"));
}

/** Null when the process is gone. */
export function readProcessUsage(pid: number): ProcessUsage | null {
  try {
    return parseProcessStat(
      readFileSync(`/proc/${pid}/stat`, "utf8"),
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc's CPU times: 100 on every Linux Node runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;
