import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { resolveMigrationSchema, startMigrationSchema } from "../../lib/schemas/migration";
import { abortRequestSchema, helloRequestSchema, prepareRequestSchema } from "../../lib/schemas/peer";
import { ApiError, notFound } from "../api-error";
import type { AgentAccess } from "../auth/access";
import type { AgentConfig } from "../config";
import type { HypervisorDriver } from "../drivers/driver";
import type { AgentMetrics } from "../metrics";
import type { Coordinator } from "../migration/coordinator";
import { registerDomainRoutes } from "./domain-routes";
import { parseBody } from "./errors";
import { installPeerAuth } from "./peer-auth";

/** The agent API v1 (CONTRACTS.md section 1) and the peer routes agents use among themselves. */

export interface RouteDeps {
  config: AgentConfig;
  driver: HypervisorDriver;
  coordinator: Coordinator;
  metrics: AgentMetrics;
  access: AgentAccess;
}

const idParams = z.object({ id: z.string().min(1).max(100) });
const nameParams = z.object({ name: z.string().min(1).max(100) });

export function registerRoutes(
  app: FastifyInstance,
  { config, driver, coordinator, metrics, access }: RouteDeps,
): void {
  app.get("/healthz", async () => ({ status: "ok", name: config.name, driver: driver.kind }));

  app.get("/metrics", async (_request, reply) => {
    void reply.header("content-type", metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get("/v1/host", async () => driver.host());
  // The two answers the dashboard polls together, in one request (lib/schemas/summary.ts).
  app.get("/v1/summary", async () => ({ host: driver.host(), migrations: coordinator.list() }));
  app.get("/v1/domains", async () => coordinator.domains());
  app.get("/v1/domains/:name", async (request) => {
    const { name } = parseBody(nameParams, request.params);
    const domain = coordinator.domains().find((candidate) => candidate.name === name);
    if (!domain) throw notFound(`domain ${name} on ${config.name}`);
    return domain;
  });

  registerDomainRoutes(app, { config, driver, coordinator, metrics, access });

  app.post("/v1/migrations", async (request, reply) => {
    const body = parseBody(startMigrationSchema, request.body);
    if (body.dryRun) return coordinator.dryRun(body);
    const status = await coordinator.startMigration(body);
    return reply.code(202).send(status);
  });
  app.get("/v1/migrations", async () => coordinator.list());
  app.get("/v1/migrations/:id", async (request) => coordinator.get(parseBody(idParams, request.params).id));
  app.post("/v1/migrations/:id/resolve", async (request) =>
    coordinator.resolve(
      parseBody(idParams, request.params).id,
      parseBody(resolveMigrationSchema, request.body),
    ),
  );
  app.post("/v1/migrations/:id/cancel", async (request, reply) => {
    const status = await coordinator.cancel(parseBody(idParams, request.params).id);
    return reply.code(202).send(status);
  });

  // Agent to agent: signed both ways and checked against the allow-list (peer-auth.ts).
  app.register(async (peer) => {
    installPeerAuth(peer, access, config.name);
    peer.post("/v1/peer/hello", async (request) => {
      sameSource(request.peerName, parseBody(helloRequestSchema, request.body).source.name);
      return coordinator.hello();
    });
    peer.post("/v1/peer/migrations", async (request, reply) => {
      const body = parseBody(prepareRequestSchema, request.body);
      sameSource(request.peerName, body.source.name);
      const endpoint = await coordinator.prepare(body);
      return reply.code(201).send({ endpoint });
    });
    // A migration is the business of its own source only.
    const ownMigration = (request: FastifyRequest) => {
      const status = coordinator.get(parseBody(idParams, request.params).id);
      sameSource(request.peerName, status.source);
      return status;
    };
    peer.get("/v1/peer/migrations/:id", async (request) => ownMigration(request));
    peer.post("/v1/peer/migrations/:id/finish", async (request) => ({
      state: await coordinator.finish(ownMigration(request).id),
    }));
    peer.post("/v1/peer/migrations/:id/abort", async (request) => {
      await coordinator.abort(ownMigration(request).id, parseBody(abortRequestSchema, request.body));
      return { ok: true };
    });
  });
}

/** A peer speaks only for itself: the source a body names must be the agent that signed it. */
function sameSource(signedBy: string | undefined, named: string): void {
  if (signedBy !== named) {
    throw new ApiError(
      403,
      "SOURCE_MISMATCH",
      `request signed by ${signedBy} but naming ${named} as its source`,
    );
  }
}
