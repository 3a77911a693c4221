import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createAgentLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createAgentLogger({ name: "h1", log: { level: "info" } }, stream), lines };
}

describe("the agent's logger", () => {
  it("redacts authorization headers, signatures, tokens, hashes and secrets wherever they are logged", () => {
    const { log, lines } = capture();
    log.info(
      {
        req: { headers: { authorization: "Bearer s3cret-token-1", "x-ballast-signature": "abc123" } },
        token: "s3cret-token-2",
        config: { tokens: [{ hash: "sha256:s3cret" }], peers: [{ name: "h2", hash: "sha256:s3cret" }] },
        endpoint: { secret: "s3cret-link" },
        peers: [{ name: "h3", token: "s3cret-token-3" }],
      },
      "a request",
    );
    const line = lines.join("");
    expect(line).not.toMatch(/s3cret|abc123/);
    expect(line).toContain("[redacted]");
    expect(line).toContain('"name":"h2"');
  });
});
