import { describe, expect, it } from "vitest";
import { describeStreamError, streamClientOptions, streamServerOptions, streamTlsFor } from "./stream-tls";

const mine = { cert: Buffer.from("CERT"), key: Buffer.from("KEY"), ca: Buffer.from("CA") };

describe("streamTlsFor", () => {
  it("uses the agent's certificates for a TLS target, and nothing for a plain one from a plain agent", () => {
    expect(streamTlsFor(true, mine)).toBe(mine);
    expect(streamTlsFor(false, undefined)).toBeUndefined();
  });

  it("refuses a TLS target without certificates, and a plain target when it has them", () => {
    expect(() => streamTlsFor(true, undefined)).toThrow(
      "target expects TLS on the migration stream; this agent has no tls configured",
    );
    expect(() => streamTlsFor(false, mine)).toThrow(/plain migration stream; this agent has tls configured/);
  });
});

describe("stream TLS options", () => {
  it("a listener requires a certificate its CA signed", () => {
    expect(streamServerOptions(mine)).toMatchObject({
      cert: mine.cert,
      key: mine.key,
      ca: mine.ca,
      requestCert: true,
      rejectUnauthorized: true,
    });
  });

  it("a source checks the target's certificate (and its name: host) and presents its own", () => {
    expect(streamClientOptions(mine, "10.0.0.2", 4444)).toMatchObject({
      host: "10.0.0.2",
      port: 4444,
      cert: mine.cert,
      key: mine.key,
      ca: mine.ca,
      rejectUnauthorized: true,
    });
    // Without tls.ca, Node's own CAs: no `ca` key at all (an undefined one would be passed on).
    expect("ca" in streamClientOptions({ cert: mine.cert, key: mine.key }, "h", 1)).toBe(false);
    expect("ca" in streamServerOptions({ cert: mine.cert, key: mine.key })).toBe(false);
  });
});

describe("describeStreamError", () => {
  it("says what a TLS refusal means, and leaves other errors as they are", () => {
    const unknownCa = Object.assign(new Error("tlsv1 alert unknown ca"), {
      code: "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA",
    });
    expect(describeStreamError(unknownCa)).toBe(
      "TLS: the target does not trust this agent's certificate (not signed by its tls.ca) (ERR_SSL_TLSV1_ALERT_UNKNOWN_CA)",
    );
    expect(describeStreamError(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(
      "refused",
    );
  });
});
