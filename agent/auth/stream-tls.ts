import type { ConnectionOptions, TlsOptions } from "node:tls";

/**
 * TLS for the migration streams (the simulator's state stream, QEMU's control link and QEMU's own
 * stream): both ends prove themselves with certificates from the agent's `tls` files. The target's
 * listener presents its certificate and requires one its CA signed; the source checks the target's
 * certificate and name and presents its own. The per-migration secret stays a second factor.
 */

/** The agent's own certificate and key, and the CA it trusts (absent: the system's CAs). */
export interface StreamTls {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
}

/** What a target's listener requires: a client certificate its CA signed, on every connection. */
export function streamServerOptions(tls: StreamTls): TlsOptions {
  return {
    cert: tls.cert,
    key: tls.key,
    ...(tls.ca ? { ca: tls.ca } : {}),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
  };
}

/** What a source connects with: the target's certificate must be signed by its CA and name `host`. */
export function streamClientOptions(tls: StreamTls, host: string, port: number): ConnectionOptions {
  return {
    host,
    port,
    cert: tls.cert,
    key: tls.key,
    ...(tls.ca ? { ca: tls.ca } : {}),
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
  };
}

/**
 * Source: the TLS to use for a target's stream, or none; both agents must agree. A target that
 * expects TLS cannot be served by an agent without certificates, and an agent with certificates
 * never sends a guest's memory in the clear (a downgrade an attacker could ask for).
 */
export function streamTlsFor(targetUsesTls: boolean, mine: StreamTls | undefined): StreamTls | undefined {
  if (targetUsesTls && !mine)
    throw new Error("target expects TLS on the migration stream; this agent has no tls configured");
  if (!targetUsesTls && mine)
    throw new Error(
      "target offers a plain migration stream; this agent has tls configured and sends guests over TLS only",
    );
  return mine;
}

/**
 * Why a TLS listener hung up on the source before accepting it. Node checks a client's certificate
 * after the handshake and drops one it does not trust without an alert, so the source sees only
 * the connection end: said here is what that almost always means.
 */
export function hungUpBeforeAccepting(what: string): Error {
  return new Error(
    `${what} hung up before accepting the stream: over TLS, it does so when its tls.ca did not sign this agent's certificate`,
  );
}

/** OpenSSL's codes for a peer refusing the handshake, in words an admin can act on. */
const REFUSALS: Record<string, string> = {
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA:
    "the target does not trust this agent's certificate (not signed by its tls.ca)",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "the peer refused this agent's certificate",
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: "the target requires a client certificate",
  ERR_TLS_CERT_ALTNAME_INVALID: "the target's certificate is for another name",
  SELF_SIGNED_CERT_IN_CHAIN: "the target's certificate is not signed by this agent's tls.ca",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the target's certificate is not signed by this agent's tls.ca",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the target's certificate is not signed by this agent's tls.ca",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the target's certificate is not signed by this agent's tls.ca",
  CERT_HAS_EXPIRED: "a certificate has expired",
};

/** A stream's error message, with what a TLS refusal means when it is one. */
export function describeStreamError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const meaning = code ? REFUSALS[code] : undefined;
  return meaning ? `TLS: ${meaning} (${code})` : error.message;
}
