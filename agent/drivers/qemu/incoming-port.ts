import { z } from "zod";
import { hostForUri } from "./qemu-args";
import type { QmpClient } from "./qmp-client";

/**
 * The port an incoming QEMU listens on for the migration stream. QEMU starts with `-incoming defer`
 * and is then told `migrate-incoming` on port 0: the kernel hands QEMU a free port as it binds, and
 * QEMU reports it in `query-migrate`'s `socket-address`. No port is probed first and bound later,
 * so no other process can take it in between.
 */

/** Starts listening for the stream on `host`, on a port QEMU is given by the kernel; returns the port. */
export async function listenForMigration(qmp: QmpClient, host: string): Promise<number> {
  await qmp.execute("migrate-incoming", { uri: `tcp:${hostForUri(host)}:0` });
  return parseIncomingPort(await qmp.execute("query-migrate"));
}

const listening = z.object({
  "socket-address": z
    .array(z.object({ type: z.string(), host: z.string().optional(), port: z.string().optional() }))
    .optional(),
});

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
