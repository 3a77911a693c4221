import { readFileSync } from "node:fs";

/**
 * What processes cost, read from /proc (Linux). RSS counts shared pages (node's code, tsx's cache)
 * once per process, so a sum of RSS overstates 200 agents; PSS shares those pages out and adds up
 * to what the machine really spends. Both are printed.
 */

export interface MemoryUsage {
  rssBytes: number;
  pssBytes: number;
}

export function memoryOf(pid: number): MemoryUsage | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
    return { rssBytes: field("Rss") * 1024, pssBytes: field("Pss") * 1024 };
  } catch {
    return undefined;
  }
}

/** The machine's available memory (MemAvailable), to see what starting the agents took from it. */
export function memAvailableBytes(): number {
  const text = readFileSync("/proc/meminfo", "utf8");
  return Number(/^MemAvailable:\s+(\d+) kB/m.exec(text)?.[1] ?? Number.NaN) * 1024;
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name, which may hold spaces: split after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** Share of one core the processes used together over `windowMs` (1.0 = one core busy). */
export async function cpuShare(pids: number[], windowMs: number): Promise<number> {
  const before = pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  await new Promise((done) => setTimeout(done, windowMs));
  const after = pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  return (after - before) / windowMs;
}
