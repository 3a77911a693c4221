import { readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AgentConfig } from "../../agent/config";
import type { Cluster } from "../../cluster/cluster";
import { tokenDigest } from "../../lib/agent-auth/token-hash";
import { httpCall } from "../../lib/agent-client/http-call";
import { PeerClient, type PeerClientOptions } from "../../lib/agent-client/peer-client";
import { waitFor } from "./harness";

/** Peer traffic for the tests: a peer's signed client, config edits applied by SIGHUP, and a meddler. */

/** What agent `from` would use to call agent `to`: signed with `from`'s key, answers checked with `to`'s. */
export function peerClient(
  cluster: Cluster,
  from: string,
  to: string,
  overrides: Partial<PeerClientOptions> = {},
): PeerClient {
  const source = cluster.agent(from);
  const target = cluster.agent(to);
  return new PeerClient({
    url: target.config.url,
    targetName: to,
    targetKey: tokenDigest(target.token),
    sourceName: from,
    signingKeys: () => [tokenDigest(source.token)],
    timeoutMs: 5000,
    tls: target.clientTls(),
    ...overrides,
  });
}

/** Rewrites an agent's config file, sends SIGHUP and waits for the log line that says how it went. */
export async function reconfigure(
  cluster: Cluster,
  name: string,
  change: (config: AgentConfig) => unknown,
): Promise<void> {
  const agent = cluster.agent(name);
  const current = JSON.parse(await readFile(agent.configPath, "utf8")) as AgentConfig;
  await writeFile(agent.configPath, JSON.stringify(change(current), null, 2));
  const before = (await readFile(agent.logPath, "utf8")).length;
  agent.reload();
  await waitFor(`${name} to reload its config`, async () => {
    const added = (await readFile(agent.logPath, "utf8")).slice(before);
    return /config reloaded|config reload refused/.test(added) ? true : undefined;
  });
}

/**
 * A man in the middle in front of an agent: forwards every request, and lets a test change the
 * answer (its body or headers) on the way back.
 */
export class Meddler {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(
    upstream: string,
    meddle: (path: string, answer: { status: number; headers: Record<string, string>; text: string }) => void,
  ): Promise<Meddler> {
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", async () => {
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(request.headers))
          if (typeof value === "string" && key !== "host" && key !== "connection") headers[key] = value;
        const body = chunks.length ? Buffer.concat(chunks).toString("utf8") : undefined;
        const forwarded = await httpCall({
          method: request.method ?? "GET",
          url: `${upstream}${request.url}`,
          headers,
          body,
          timeoutMs: 10_000,
        });
        const answer = {
          status: forwarded.status,
          headers: {} as Record<string, string>,
          text: forwarded.text,
        };
        for (const [key, value] of Object.entries(forwarded.headers))
          if (typeof value === "string" && !["content-length", "connection", "keep-alive"].includes(key))
            answer.headers[key] = value;
        meddle(request.url ?? "", answer);
        response.writeHead(answer.status, answer.headers).end(answer.text);
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    return new Meddler(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}
