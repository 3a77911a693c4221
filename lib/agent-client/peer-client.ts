import type { z } from "zod";
import {
  answerText,
  newNonce,
  PEER_HEADERS,
  signedRequestHeaders,
  verify,
} from "../agent-auth/peer-signature";
import { errorBodySchema } from "../schemas/errors";
import { type MigrationStatus, migrationStatusSchema } from "../schemas/migration";
import {
  type AbortRequest,
  finishResponseSchema,
  type HelloResponse,
  helloResponseSchema,
  type PrepareRequest,
  prepareResponseSchema,
  type TransferEndpoint,
} from "../schemas/peer";
import { parseAnswer, readAnswer, sendToAgent } from "./agent-client";
import { PeerNotVerifiedError } from "./errors";
import type { ClientTls } from "./http-call";

/**
 * How a source agent talks to a target agent (`/v1/peer/...`): each request signed with the
 * source's keys, each answer accepted only when the target's key verifies it (peer-signature.ts).
 */

export interface PeerClientOptions {
  url: string;
  targetName: string;
  /** The target's signing key: the digest behind its token hash in this agent's peers. */
  targetKey: Buffer;
  sourceName: string;
  /** This agent's signing keys, asked at every call: a token rotated meanwhile applies at once. */
  signingKeys: () => Buffer[];
  timeoutMs: number;
  tls?: ClientTls;
}

export class PeerClient {
  readonly url: string;

  constructor(private readonly options: PeerClientOptions) {
    this.url = options.url.replace(/\/+$/, "");
  }

  get targetName(): string {
    return this.options.targetName;
  }

  hello(source: { name: string; url: string }): Promise<HelloResponse> {
    return this.request("POST", "/v1/peer/hello", helloResponseSchema, { source });
  }

  async prepare(request: PrepareRequest): Promise<TransferEndpoint> {
    const answer = await this.request("POST", "/v1/peer/migrations", prepareResponseSchema, request);
    return answer.endpoint;
  }

  async finish(id: string): Promise<string> {
    const path = `/v1/peer/migrations/${encodeURIComponent(id)}/finish`;
    return (await this.request("POST", path, finishResponseSchema, {})).state;
  }

  async abort(id: string, body: AbortRequest): Promise<void> {
    await this.raw("POST", `/v1/peer/migrations/${encodeURIComponent(id)}/abort`, body);
  }

  status(id: string): Promise<MigrationStatus> {
    return this.request("GET", `/v1/peer/migrations/${encodeURIComponent(id)}`, migrationStatusSchema);
  }

  async request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown) {
    return parseAnswer(`${this.url}${path}`, schema, await this.raw(method, path, body)) as z.infer<S>;
  }

  async raw(method: string, path: string, body?: unknown): Promise<unknown> {
    const { sourceName, targetName } = this.options;
    const url = new URL(`${this.url}${path}`);
    const text = body === undefined ? "" : JSON.stringify(body);
    const signed = {
      method,
      path: url.pathname + url.search,
      source: sourceName,
      target: targetName,
      timestamp: String(Date.now()),
      nonce: newNonce(),
      body: text,
    };
    const answer = await sendToAgent(this.url, {
      method,
      url: url.href,
      headers: {
        ...signedRequestHeaders(this.options.signingKeys(), signed),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : text,
      timeoutMs: this.options.timeoutMs,
      tls: this.options.tls,
    });
    const signature = answer.headers[PEER_HEADERS.signature];
    const expected = answerText({
      responder: targetName,
      requester: sourceName,
      nonce: signed.nonce,
      status: answer.status,
      body: answer.text,
    });
    if (!verify(this.options.targetKey, expected, typeof signature === "string" ? signature : undefined)) {
      throw new PeerNotVerifiedError(
        `the answer from ${this.url} is not signed by ${targetName} (${untrustedSummary(answer.status, answer.text)}): refused; check the hash for ${targetName} in this agent's peers, and that ${targetName} listens there`,
      );
    }
    return readAnswer(this.url, answer.status, answer.text);
  }
}

/** What an unverified answer claimed, for the admin reading the error; nothing acts on it. */
function untrustedSummary(status: number, text: string): string {
  try {
    const error = errorBodySchema.safeParse(JSON.parse(text));
    if (error.success)
      return `it answered ${status} ${error.data.error.code}: ${error.data.error.message.slice(0, 200)}`;
  } catch {
    // not JSON: the status alone
  }
  return `it answered ${status}`;
}
