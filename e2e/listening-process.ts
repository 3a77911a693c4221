import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * The process listening on a loopback TCP port, found the way `ss -ltnp` finds it: the socket's inode
 * in /proc/net/tcp, then the process holding that inode among its file descriptors. Linux only, and
 * no package needed on a fresh machine.
 */
export function listeningPid(port: number): number {
  const inode = listeningInode(port);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`no process holds the socket listening on port ${port}`);
}

/** st 0A is LISTEN; addresses are hex, the port after the colon. */
function listeningInode(port: number): string {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [, local, , state, , , , , , inode] = fields;
      if (local?.endsWith(`:${hexPort}`) && state === "0A" && inode) return inode;
    }
  }
  throw new Error(`nothing listens on port ${port}`);
}
