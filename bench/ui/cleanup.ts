import { readdirSync, readFileSync, rmSync } from "node:fs";

/**
 * Stops what the benchmark started when it is interrupted (Ctrl-C, SIGTERM): try/finally covers
 * errors, not signals, and the dashboard runs in its own process group, out of reach of the
 * terminal's Ctrl-C. Each running thing registers its stop and forgets it once stopped normally;
 * agents caught halfway through a Cluster.start are not registered yet, so whatever child processes
 * of this one remain afterwards get SIGTERM by their process id. Scratch folders go last.
 */

const running = new Set<() => Promise<void>>();
const folders = new Set<string>();
let interrupted = false;

export function stopOnSignal(stop: () => Promise<void>): () => void {
  running.add(stop);
  return () => running.delete(stop);
}

/** A scratch folder to remove after a signal (normal runs remove it in their finally). */
export function removeOnSignal(folder: string): void {
  folders.add(folder);
}

/** True once a signal came: nothing new should start. */
export function isInterrupted(): boolean {
  return interrupted;
}

export function installSignalHandlers(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: stopping the agents, dashboards and browser this run started`);
      void Promise.allSettled([...running].map((stop) => stop())).then(() => {
        for (const pid of childPids()) {
          try {
            process.kill(pid, "SIGTERM");
          } catch {
            // Gone meanwhile.
          }
        }
        for (const folder of folders) rmSync(folder, { recursive: true, force: true });
        process.exit(130);
      });
    });
  }
}

/** Processes whose parent is this one (Linux /proc). */
function childPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}
