import type { IncomingMessage } from "node:http";

/**
 * Reads and discards what is left of a refused request's body, so the client, still sending, gets to
 * read the refusal (413) instead of a broken pipe. Bounded: past `maxBytes` or `timeoutMs` the
 * connection is simply closed after the answer, as before.
 */
export function drainBody(raw: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((done) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off("data", onData);
      raw.off("end", finish);
      raw.off("error", finish);
      done();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    raw.on("data", onData);
    raw.once("end", finish);
    raw.once("error", finish);
    raw.resume();
  });
}
