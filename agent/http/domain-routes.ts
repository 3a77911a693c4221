import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ApiError, conflict, notFound } from "../api-error";
import { type DomainLifecycle, DomainStateError, ResourceError } from "../drivers/driver";
import { parseBody } from "./errors";
import type { RouteDeps } from "./routes";

/**
 * Defining, starting, stopping and undefining domains, on drivers that manage their domains (QEMU).
 * A domain held by a migration is refused, as DOMAIN.md's safety rules ask.
 */

const nameParams = z.object({ name: z.string().min(1).max(100) });

export function registerDomainRoutes(app: FastifyInstance, { config, driver, coordinator }: RouteDeps): void {
  const lifecycle = (): DomainLifecycle => {
    if (!driver.lifecycle)
      throw new ApiError(
        501,
        "NOT_SUPPORTED",
        `the ${driver.kind} driver takes its domains from its config file; it cannot define, start or stop them`,
      );
    return driver.lifecycle;
  };
  const domainView = (name: string) => {
    const domain = coordinator.domains().find((candidate) => candidate.name === name);
    if (!domain) throw notFound(`domain ${name} on ${config.name}`);
    return domain;
  };
  const idle = (name: string) => {
    domainView(name);
    const busy = coordinator.busyReason(name);
    if (busy) throw conflict("DOMAIN_BUSY", `domain ${name} is busy: ${busy}`);
  };

  app.post("/v1/domains", async (request, reply) => {
    const operations = lifecycle();
    const definition = parseBody(operations.definitionSchema, request.body) as { name: string };
    const busy = coordinator.busyReason(definition.name);
    if (busy) throw conflict("DOMAIN_BUSY", `domain ${definition.name} is busy: ${busy}`);
    await run(() => operations.define(definition));
    return reply.code(201).send(domainView(definition.name));
  });

  app.post("/v1/domains/:name/start", async (request) => {
    const { name } = parseBody(nameParams, request.params);
    const operations = lifecycle();
    idle(name);
    await run(() => operations.start(name));
    return domainView(name);
  });

  app.post("/v1/domains/:name/stop", async (request) => {
    const { name } = parseBody(nameParams, request.params);
    const operations = lifecycle();
    idle(name);
    await run(() => operations.stop(name));
    return domainView(name);
  });

  app.delete("/v1/domains/:name", async (request, reply) => {
    const { name } = parseBody(nameParams, request.params);
    const operations = lifecycle();
    idle(name);
    await run(() => operations.undefine(name));
    return reply.code(204).send();
  });
}

/** The driver's refusals in the API's terms. */
async function run(operation: () => Promise<void>): Promise<void> {
  try {
    await operation();
  } catch (error) {
    if (error instanceof ResourceError) throw conflict("RESOURCES_UNAVAILABLE", error.message);
    if (error instanceof DomainStateError) throw conflict("DOMAIN_STATE", error.message);
    throw error;
  }
}
