import type { ClientTls } from "../../lib/agent-client/http-call";
import { PeerClient } from "../../lib/agent-client/peer-client";
import type { AgentConfig } from "../config";
import type { AgentAccess } from "./access";

/** The client for a peer agent at a URL, from the peers as they are now; undefined for a stranger. */
export type PeerLookup = (url: string) => PeerClient | undefined;

export function peerLookup(config: AgentConfig, access: AgentAccess, tls: ClientTls | undefined): PeerLookup {
  return (url) => {
    const peer = access.peerAt(url);
    return (
      peer &&
      new PeerClient({
        url: peer.url,
        targetName: peer.name,
        targetKey: peer.key,
        sourceName: config.name,
        signingKeys: () => access.signingKeys(),
        timeoutMs: config.migration.peerTimeoutMs,
        tls,
      })
    );
  };
}
