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

/**
 * A peer agent's answer that its expected signer did not sign: whatever it says is not trusted (the
 * caller treats it as no answer). Its own status and error, untrusted, are in the message for admins.
 */
export class PeerNotVerifiedError extends AgentUnreachableError {
  override name = "PeerNotVerifiedError";
}
