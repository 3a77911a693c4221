import { createServer } from "node:net";
import { z } from "zod";
import type { QmpClient } from "./qmp-client";

/**
 * The port an incoming QEMU listens on: one the kernel has just handed out (a listen on port 0,
 * closed again), given to QEMU's `-incoming`. Another process may take it in between; QEMU then
 * fails to start and the caller tries another (isPortTaken). QEMU reports the port it listens on in
 * `query-migrate`'s `socket-address`, which is checked before the port is handed to the source.
 */

export function pickPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no free port on ${host}`))));
    });
  });
}

/** Whether QEMU did not start because its `-incoming` port was taken. */
export function isPortTaken(error: unknown): boolean {
  return error instanceof Error && /Address already in use|Failed to bind/i.test(error.message);
}

const listening = z.object({
  "socket-address": z
    .array(z.object({ type: z.string(), host: z.string().optional(), port: z.string().optional() }))
    .optional(),
});

/** The port QEMU says it listens on for the incoming stream. */
export async function incomingPort(qmp: QmpClient): Promise<number> {
  return parseIncomingPort(await qmp.execute("query-migrate"));
}

export function parseIncomingPort(answer: unknown): number {
  const parsed = listening.safeParse(answer);
  const address = parsed.success
    ? parsed.data["socket-address"]?.find((candidate) => candidate.type === "inet" && candidate.port)
    : undefined;
  const port = Number(address?.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`the incoming QEMU did not say which port it listens on: ${JSON.stringify(answer)}`);
  return port;
}
