import type { FastifyError, FastifyInstance } from "fastify";
import type { z } from "zod";
import { describeZodError } from "../../lib/schemas/errors";
import { ApiError } from "../api-error";
import { drainBody } from "./drain-body";

/** An oversized body is read and discarded up to this much, so its sender can read the 413. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 5000;

/** Every error leaves as `{"error": {"code", "message"}}`; internal details stay in the log. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send({ error: { code: "NOT_FOUND", message: `no route ${request.method} ${request.url}` } });
  });
  app.setErrorHandler(async (error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.status === 401) void reply.header("www-authenticate", "Bearer");
      return reply.code(error.status).send({
        error: { code: error.code, message: error.message },
        ...(error.checks ? { checks: error.checks } : {}),
      });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      if (status === 413) await drainBody(request.raw, DRAIN_LIMIT_BYTES, DRAIN_TIMEOUT_MS);
      const code =
        status === 413 ? "BODY_TOO_LARGE" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST";
      return reply.code(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, "request failed");
    return reply
      .code(500)
      .send({ error: { code: "INTERNAL", message: "internal error; see the agent's log" } });
  });
}

/** Parses a request body with its schema: a 400 naming each bad field, before anything is done. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new ApiError(400, "BAD_REQUEST", describeZodError(parsed.error));
  return parsed.data;
}
