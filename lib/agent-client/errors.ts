import type { Check } from "../schemas/migration";

/** The agent answered with an error body (`{"error": {"code", "message"}}`). */
export class AgentHttpError extends Error {
  override name = "AgentHttpError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly checks: Check[] = [],
  ) {
    super(message);
  }
}

/** The agent could not be reached, or did not answer in time, or answered something unreadable. */
export class AgentUnreachableError extends Error {
  override name = "AgentUnreachableError";
}
