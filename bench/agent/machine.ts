import { execFileSync } from "node:child_process";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";

/** What the figures were measured on: without it, two runs' numbers cannot be compared. */
export function describeMachine(): string[] {
  const list = cpus();
  const model = list[0]?.model.trim() ?? "unknown cpu";
  return [
    `machine: ${list.length} cpus (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${platform()} ${release()} ${arch()}`,
    `node ${process.version}, load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} at start, commit ${commit()}`,
  ];
}

function commit(): string {
  try {
    const hash = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${hash} + uncommitted changes` : hash;
  } catch {
    return "unknown (not a git checkout)";
  }
}
