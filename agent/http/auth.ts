import type { FastifyRequest } from "fastify";
import { PEER_HEADERS } from "../../lib/agent-auth/peer-signature";
import type { AgentAccess } from "../auth/access";

/** Bearer-token authentication on every route; the peer routes' signatures are in peer-auth.ts. */

export const PEER_ROUTE_PREFIX = "/v1/peer/";

export function bearerCheck(access: AgentAccess): (request: FastifyRequest) => void {
  return (request) => {
    // A signed request to a peer route proves itself by its signature (peer-auth.ts), not a token:
    // agents hold only hashes of each other's tokens.
    const peerRoute = request.routeOptions.url?.startsWith(PEER_ROUTE_PREFIX) ?? false;
    if (peerRoute && request.headers[PEER_HEADERS.signature] !== undefined) return;
    access.checkBearer(request.headers.authorization);
  };
}
