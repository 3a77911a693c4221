import { z } from "zod";
import { cpuArchSchema, diskSchema, networkSchema, workloadSchema } from "./domain";
import { hostSchema } from "./host";
import { domainNameSchema, hostRefSchema, nonConvergenceSchema, predictionSchema } from "./migration";

/**
 * The agent-to-agent part of the API (`/v1/peer/...`): what a source agent sends a target agent.
 * Every body is parsed on arrival: a peer is input like any other.
 */

/** A domain's definition as it travels to the target (libvirt's migration cookie, in spirit). */
export const domainSpecSchema = z.object({
  vcpus: z.number().int().positive().max(4096),
  memoryBlocks: z
    .array(
      z.object({ realAddress: z.string().regex(/^0x[0-9a-f]+$/i), sizeMiB: z.number().int().positive() }),
    )
    .min(1)
    .max(1024),
  cpuArch: cpuArchSchema,
  networks: z.array(networkSchema).max(64),
  disks: z.array(diskSchema).max(256),
  directIO: z.array(z.string()).max(64),
  cryptoUnits: z.number().int().nonnegative(),
  delayedReconfig: z.boolean(),
  workload: workloadSchema,
  /** State on the source: a cold migration recreates it as it was (inactive or bound). */
  state: z.enum(["active", "bound", "inactive", "suspended"]),
  /** How long the guest has run: a live or warm migration does not reboot it. */
  uptimeSeconds: z.number().nonnegative().nullable().default(null),
});
export type DomainSpec = z.infer<typeof domainSpecSchema>;

export const helloRequestSchema = z.object({ source: hostRefSchema });
export const helloResponseSchema = z.object({
  host: hostSchema,
  domainNames: z.array(z.string()),
  macsInUse: z.array(z.string()),
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

export const transferParamsSchema = z.object({
  bandwidthBytesPerSec: z.number().positive(),
  downtimeLimitMs: z.number().positive(),
  onNoConvergence: nonConvergenceSchema,
});
export type TransferParams = z.infer<typeof transferParamsSchema>;

export const prepareRequestSchema = z.object({
  id: z.uuid(),
  source: hostRefSchema,
  domain: domainNameSchema,
  targetName: domainNameSchema,
  kind: z.enum(["live", "warm", "cold"]),
  spec: domainSpecSchema,
  params: transferParamsSchema,
  prediction: predictionSchema.nullable(),
  startedAt: z.string(),
});
export type PrepareRequest = z.infer<typeof prepareRequestSchema>;

/**
 * Where the source's hypervisor sends the state; the driver decides the transport. `tls`: the
 * target's stream listeners take TLS only (its agent has `tls`); the source must then connect with
 * its certificate, and refuses a plain stream when it has one itself (agent/auth/stream-tls.ts).
 */
const streamTlsSchema = z.boolean().default(false);

export const transferEndpointSchema = z.discriminatedUnion("transport", [
  z.object({ transport: z.literal("none") }),
  z.object({
    transport: z.literal("sim-tcp"),
    host: z.string(),
    port: z.number().int().min(1).max(65535),
    secret: z.string().min(16),
    tls: streamTlsSchema,
  }),
  z.object({
    /** QEMU's own stream to `port` (its `-incoming` listener); the agents' control link to `controlPort`. */
    transport: z.literal("qemu-tcp"),
    host: z.string(),
    port: z.number().int().min(1).max(65535),
    controlPort: z.number().int().min(1).max(65535),
    secret: z.string().min(16),
    tls: streamTlsSchema,
  }),
]);
export type TransferEndpoint = z.infer<typeof transferEndpointSchema>;

export const prepareResponseSchema = z.object({ endpoint: transferEndpointSchema });

export const abortRequestSchema = z.object({
  outcome: z.enum(["failed", "cancelled"]),
  reason: z.string().max(2000),
});
export type AbortRequest = z.infer<typeof abortRequestSchema>;

export const finishResponseSchema = z.object({ state: z.string() });
