import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { resolveMigrationSchema, startMigrationSchema } from "../../lib/schemas/migration";
import { abortRequestSchema, helloRequestSchema, prepareRequestSchema } from "../../lib/schemas/peer";
import { notFound } from "../api-error";
import type { AgentConfig } from "../config";
import type { HypervisorDriver } from "../drivers/driver";
import type { AgentMetrics } from "../metrics";
import type { Coordinator } from "../migration/coordinator";
import { allowListCheck } from "./auth";
import { registerDomainRoutes } from "./domain-routes";
import { parseBody } from "./errors";

/** The agent API v1 (CONTRACTS.md section 1) and the peer routes agents use among themselves. */

export interface RouteDeps {
  config: AgentConfig;
  driver: HypervisorDriver;
  coordinator: Coordinator;
  metrics: AgentMetrics;
}

const idParams = z.object({ id: z.string().min(1).max(100) });
const nameParams = z.object({ name: z.string().min(1).max(100) });

export function registerRoutes(
  app: FastifyInstance,
  { config, driver, coordinator, metrics }: RouteDeps,
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

  registerDomainRoutes(app, { config, driver, coordinator, metrics });

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

  const allowed = allowListCheck(config.name, config.allowMigrationsFrom);
  app.register(async (peer) => {
    peer.addHook("preHandler", async (request) => allowed(request));
    peer.post("/v1/peer/hello", async (request) => {
      parseBody(helloRequestSchema, request.body);
      return coordinator.hello();
    });
    peer.post("/v1/peer/migrations", async (request, reply) => {
      const endpoint = await coordinator.prepare(parseBody(prepareRequestSchema, request.body));
      return reply.code(201).send({ endpoint });
    });
    peer.post("/v1/peer/migrations/:id/finish", async (request) => ({
      state: await coordinator.finish(parseBody(idParams, request.params).id),
    }));
    peer.post("/v1/peer/migrations/:id/abort", async (request) => {
      await coordinator.abort(
        parseBody(idParams, request.params).id,
        parseBody(abortRequestSchema, request.body),
      );
      return { ok: true };
    });
  });
}
