import { Agent, request } from "node:http";

/**
 * A closed-loop load generator: `concurrency` clients, each sending its next request as soon as the
 * previous answer has been read in full, until `requests` were sent or `maxSeconds` passed.
 *
 * It uses node:http with keep-alive rather than AgentClient on purpose: AgentClient parses every
 * answer with zod, and parsing 500 domains per request in this (single-threaded) process would
 * make the load generator the bottleneck and measure the client instead of the agent. The body is
 * read to the end but not parsed; its size is kept to report bytes per answer.
 */

export interface LoadOptions {
  url: string;
  token: string;
  path: string;
  concurrency: number;
  requests: number;
  maxSeconds: number;
  /** Per-request timeout, so one stuck answer cannot hang the benchmark. */
  timeoutMs?: number;
}

export interface LoadResult {
  /** Latency of each successful request, ms, from sending to the last byte of the body. */
  latenciesMs: number[];
  errors: number;
  firstError: string | null;
  elapsedSeconds: number;
  bodyBytes: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.path, options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let issued = 0;
  let bodyBytes = 0;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;

  const client = async () => {
    while (issued < options.requests && performance.now() < deadline) {
      issued++;
      const sent = performance.now();
      try {
        bodyBytes = await get(agent, target, options.token, options.timeoutMs ?? 10_000);
        latenciesMs.push(performance.now() - sent);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, client));
  } finally {
    agent.destroy();
  }
  return {
    latenciesMs,
    errors,
    firstError,
    elapsedSeconds: (performance.now() - started) / 1000,
    bodyBytes,
  };
}

/** One GET; resolves with the body's size once it is read, rejects on a non-200 answer. */
function get(agent: Agent, url: URL, token: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent, method: "GET", headers: { authorization: `Bearer ${token}` }, timeout: timeoutMs },
      (res) => {
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
        });
        res.on("error", reject);
        res.on("end", () => {
          if (res.statusCode === 200) resolve(size);
          else reject(new Error(`${url.pathname} answered ${res.statusCode}`));
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${url.pathname}: no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}
