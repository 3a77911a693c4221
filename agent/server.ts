import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Logger } from "pino";
import { AgentAccess } from "./auth/access";
import { peerLookup } from "./auth/peer-clients";
import type { StreamTls } from "./auth/stream-tls";
import { readAgentTls } from "./auth/tls-files";
import type { AgentConfig } from "./config";
import type { HypervisorDriver } from "./drivers/driver";
import { createQemuDriver } from "./drivers/qemu/create-qemu-driver";
import { SimDriver } from "./drivers/sim/sim-driver";
import { bearerCheck } from "./http/auth";
import { installErrorHandling } from "./http/errors";
import { registerRoutes } from "./http/routes";
import { AgentMetrics } from "./metrics";
import { Coordinator } from "./migration/coordinator";

/** One host agent: its hypervisor driver, its migrations and its HTTP API, started and stopped together. */
export interface Agent {
  app: FastifyInstance;
  /** Tokens, peers and allow-list as they are now: a reloaded config is applied here. */
  access: AgentAccess;
  coordinator: Coordinator;
  driver: HypervisorDriver;
  close(): Promise<void>;
}

/** Largest request body accepted: every legitimate one is a few kilobytes. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** `streamTls`: the agent's certificates for its migration streams, when its config has `tls`. */
export async function createDriver(
  config: AgentConfig,
  log: Logger,
  streamTls?: StreamTls,
): Promise<HypervisorDriver> {
  const transferHost = config.listen.host === "0.0.0.0" ? "127.0.0.1" : config.listen.host;
  switch (config.driver.kind) {
    case "sim":
      return new SimDriver({
        hostName: config.name,
        stateDir: config.stateDir,
        host: config.driver.host,
        timeScale: config.driver.timeScale,
        wireScale: config.driver.wireScale,
        transferHost,
        streamTls,
      });
    case "qemu":
      return createQemuDriver({
        hostName: config.name,
        stateDir: config.stateDir,
        config: config.driver.host,
        transferHost,
        streamTls,
        log: log.child({ driver: "qemu" }),
      });
  }
}

export async function startAgent(config: AgentConfig, log: Logger): Promise<Agent> {
  const tls = readAgentTls(config.tls);
  const access = new AgentAccess(config);
  const driver = await createDriver(config, log, tls?.stream);
  await driver.start();
  const metrics = new AgentMetrics();
  const coordinator = new Coordinator(config, driver, metrics, log, peerLookup(config, access, tls?.client));
  await coordinator.open();

  const options = {
    loggerInstance: log as FastifyBaseLogger,
    // Requests are logged at debug level below; the dashboard polls, so info would drown the log.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
  };
  // The routes are the same over HTTPS; Fastify types an https instance apart, hence the cast.
  const app = (tls
    ? Fastify({ ...options, https: tls.server })
    : Fastify(options)) as unknown as FastifyInstance;
  installErrorHandling(app);
  const authenticate = bearerCheck(access);
  app.addHook("onRequest", async (request) => authenticate(request));
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      "request",
    );
  });
  registerRoutes(app, { config, driver, coordinator, metrics, access });
  await app.listen({ host: config.listen.host, port: config.listen.port });
  log.info(
    { url: config.url, driver: driver.kind, domains: driver.domains().length },
    `agent ${config.name} listening`,
  );

  return {
    app,
    access,
    coordinator,
    driver,
    async close() {
      await app.close();
      await coordinator.shutdown();
      await driver.stop();
    },
  };
}
