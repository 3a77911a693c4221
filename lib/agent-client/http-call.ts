import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * One HTTP(S) exchange with an agent, bounded in time and size: the whole exchange (connect, TLS,
 * request, the answer's last byte) must end within `timeoutMs`, so no call of the dashboard, the
 * client or an agent can hang on a peer that stopped answering. Node's http/https rather than
 * fetch: the CA and client certificate for TLS go with the request, with no extra package.
 */

export interface ClientTls {
  /** PEM of the CA that signed the agents' certificates (instead of the system's CAs). */
  ca?: string | Buffer;
  /** A client certificate and key, for agents that require one (tls.requireClientCert). */
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  tls?: ClientTls;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Larger answers are refused: the biggest legitimate one (500 domains) is a few hundred KiB. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Why an exchange failed, in words an admin can act on; the caller adds which agent. */
export class HttpCallError extends Error {
  override name = "HttpCallError";
}

export function httpCall(call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(call.url);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const signal = AbortSignal.timeout(call.timeoutMs);
  const headers = { ...call.headers };
  if (call.body !== undefined) headers["content-length"] = String(Buffer.byteLength(call.body));
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) =>
      reject(
        new HttpCallError(signal.aborted ? `no answer in time (${call.timeoutMs} ms)` : describe(error)),
      );
    const request = send(url, { method: call.method, headers, signal, ...call.tls }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES)
          request.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on("error", fail);
      response.on("close", () => {
        if (!response.complete) return fail(new Error("the connection closed mid-answer"));
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    request.on("error", fail);
    request.end(call.body);
  });
}

const UNTRUSTED_CERT = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
]);

function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code && UNTRUSTED_CERT.has(code)) {
    return `its TLS certificate is not trusted (${code}): give this client the CA that signed it (BALLAST_AGENT_CA for the dashboard and ctl, tls.ca in an agent's config)`;
  }
  if (
    code === "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" ||
    code === "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE"
  ) {
    return `it requires a client certificate its CA signed (${code}): BALLAST_AGENT_CERT and BALLAST_AGENT_KEY for the dashboard and ctl`;
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return `its TLS certificate is for another name (${code})`;
  if (code === "CERT_HAS_EXPIRED") return "its TLS certificate has expired (CERT_HAS_EXPIRED)";
  if (code === "EPROTO" && /wrong version number|packet length too long/i.test(message ?? "")) {
    return "TLS handshake failed: is it serving plain HTTP? (EPROTO)";
  }
  return code ?? message ?? String(error);
}
