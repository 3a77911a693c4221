import { createServer } from "node:net";

/**
 * Ports for agents that are about to start. A probe only says a port is free now; the agent binds it
 * a second or so later, in its own process. Ports from Linux's ephemeral range (32768-60999, what a
 * listen on port 0 gets) lose that race often: meanwhile the kernel hands them out as source ports of
 * outgoing connections and to the agents' own transfer listeners. So even "any free ports" (base 0)
 * come from below that range, from a random start so that concurrent test processes rarely probe the
 * same ones; Cluster.start retries the few races left (another process binding the port first).
 */

/** Where random picks start and end: clear of the benchmark's 24000s and of the ephemeral range. */
export const RANDOM_FIRST = 26000;
export const RANDOM_END = 32768;

/** `count` consecutive ports from `base` that nothing listens on; base 0 picks a random start below 32768. */
export async function findFreePorts(host: string, base: number, count: number): Promise<number[]> {
  if (base === 0) {
    const start = RANDOM_FIRST + Math.floor(Math.random() * (RANDOM_END - RANDOM_FIRST - count));
    const ports =
      (await consecutiveFrom(host, start, count, RANDOM_END)) ??
      (await consecutiveFrom(host, RANDOM_FIRST, count, RANDOM_END));
    if (ports) return ports;
    throw new Error(`no ${count} consecutive free ports in ${RANDOM_FIRST}-${RANDOM_END - 1}`);
  }
  const ports = await consecutiveFrom(host, base, count, 65536);
  if (ports) return ports;
  throw new Error(`no ${count} consecutive free ports from ${base}`);
}

async function consecutiveFrom(host: string, first: number, count: number, end: number) {
  for (let start = first; start + count <= end; start++) {
    const ports: number[] = [];
    for (let port = start; port < start + count; port++) {
      if ((await probe(host, port)) !== port) break;
      ports.push(port);
    }
    if (ports.length === count) return ports;
    start += ports.length; // the port after the free run is taken: look past it
  }
  return undefined;
}

function probe(host: string, port: number): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(-1));
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : -1;
      server.close(() => resolve(bound));
    });
  });
}

/** Whether an agent failed to start because another process took its port first. */
export function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && /EADDRINUSE/.test(error.message);
}
