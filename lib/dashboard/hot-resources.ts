import type { Host } from "../schemas/host";
import { HOT_CPU, HOT_MEMORY } from "./summary";

/**
 * Which resource makes a host hot, with the thresholds hostLoad() uses: "hot" alone does not tell
 * an admin whether to move a busy domain or a big one, and a red memory bar on a host that is
 * only short of CPU would mislead.
 */
export interface HotResources {
  cpu: boolean;
  memory: boolean;
}

export function hotResources(host: Host | null): HotResources {
  if (!host) return { cpu: false, memory: false };
  const { cpu, memory } = host;
  return {
    cpu: cpu.strandsTotal > 0 && cpu.usedStrands / cpu.strandsTotal >= HOT_CPU,
    memory: memory.totalMiB > 0 && (memory.totalMiB - memory.freeMiB) / memory.totalMiB >= HOT_MEMORY,
  };
}

/** "hot: CPU", "hot: memory", "hot: CPU, memory"; null when neither is. */
export function hotLabel(hot: HotResources): string | null {
  const reasons = [hot.cpu && "CPU", hot.memory && "memory"].filter(Boolean);
  return reasons.length > 0 ? `hot: ${reasons.join(", ")}` : null;
}
