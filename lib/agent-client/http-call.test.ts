import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClient } from "./agent-client";
import { AgentUnreachableError } from "./errors";
import { httpCall } from "./http-call";

/** Every call ends in time: an agent that accepts and never answers (or stops mid-answer) cannot hang it. */

let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/slow-body") {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"partial":');
      return; // never ends
    }
    if (request.url === "/ok") return void response.end('{"ok":true}');
    // /silent: never answers at all
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("httpCall", () => {
  it("answers", async () => {
    const answer = await httpCall({ method: "GET", url: `${url}/ok`, headers: {}, timeoutMs: 1000 });
    expect([answer.status, answer.text]).toEqual([200, '{"ok":true}']);
  });

  it.each(["/silent", "/slow-body"])("gives up on %s after its timeout", async (path) => {
    const started = Date.now();
    const error = await httpCall({ method: "GET", url: `${url}${path}`, headers: {}, timeoutMs: 300 }).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toBe("no answer in time (300 ms)");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("is an AgentUnreachableError naming the agent through AgentClient, never its token", async () => {
    const client = new AgentClient({ url, token: "secret-token-0123456789", timeoutMs: 200 });
    const error = await client.raw("GET", "/silent").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentUnreachableError);
    expect((error as Error).message).toBe(`agent ${url} is unreachable: no answer in time (200 ms)`);
    const refused = await new AgentClient({ url: "http://127.0.0.1:1", token: "secret-token-0123456789" })
      .raw("GET", "/v1/host")
      .catch((caught: unknown) => caught);
    expect((refused as Error).message).toBe("agent http://127.0.0.1:1 is unreachable: ECONNREFUSED");
  });
});
