import { createServer } from "node:net";

/** `count` consecutive ports from `base` that nothing listens on, or random free ones when base is 0. */
export async function findFreePorts(host: string, base: number, count: number): Promise<number[]> {
  if (base === 0) {
    const ports: number[] = [];
    while (ports.length < count) ports.push(await probe(host, 0));
    return ports;
  }
  for (let start = base; start + count <= 65535; start++) {
    const ports: number[] = [];
    for (let port = start; port < start + count; port++) {
      if ((await probe(host, port)) !== port) break;
      ports.push(port);
    }
    if (ports.length === count) return ports;
  }
  throw new Error(`no ${count} consecutive free ports from ${base}`);
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
