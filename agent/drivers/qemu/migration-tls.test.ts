import { rootCertificates } from "node:tls";
import { describe, expect, it } from "vitest";
import { MIGRATION_TLS_ID, tlsCredsFiles, tlsCredsObject, tlsParameters } from "./migration-tls";

const tls = { cert: Buffer.from("CERT"), key: Buffer.from("KEY"), ca: Buffer.from("CA") };

describe("QEMU's TLS credentials directory", () => {
  it("holds the CA and the server's certificate and key under QEMU's names, the key 0600", () => {
    expect(tlsCredsFiles("server", tls).map(({ name, pem, mode }) => [name, pem.toString(), mode])).toEqual([
      ["ca-cert.pem", "CA", 0o644],
      ["server-cert.pem", "CERT", 0o644],
      ["server-key.pem", "KEY", 0o600],
    ]);
  });

  it("names them client-* for the source", () => {
    expect(tlsCredsFiles("client", tls).map((file) => file.name)).toEqual([
      "ca-cert.pem",
      "client-cert.pem",
      "client-key.pem",
    ]);
  });

  it("trusts the system's CAs when the agent names none, as its HTTPS calls do", () => {
    const [ca] = tlsCredsFiles("client", { cert: tls.cert, key: tls.key });
    expect(ca?.pem.toString()).toBe(rootCertificates.join("\n"));
  });

  it("refuses an empty certificate or key", () => {
    expect(() => tlsCredsFiles("server", { ...tls, key: Buffer.alloc(0) })).toThrow(/empty/);
  });
});

describe("QEMU's TLS objects and parameters", () => {
  it("loads x509 credentials that verify the peer, server or client", () => {
    expect(tlsCredsObject("server", "/run/g/migration-tls")).toEqual({
      "qom-type": "tls-creds-x509",
      id: MIGRATION_TLS_ID,
      endpoint: "server",
      dir: "/run/g/migration-tls",
      "verify-peer": true,
    });
    expect(tlsCredsObject("client", "/d")).toMatchObject({ endpoint: "client", "verify-peer": true });
  });

  it("points the migration at them; the source checks the target's name; plain clears both", () => {
    expect(tlsParameters({ role: "server", tls })).toEqual({ "tls-creds": MIGRATION_TLS_ID });
    expect(tlsParameters({ role: "client", tls, hostname: "10.0.0.2" })).toEqual({
      "tls-creds": MIGRATION_TLS_ID,
      "tls-hostname": "10.0.0.2",
    });
    expect(tlsParameters(undefined)).toEqual({ "tls-creds": "", "tls-hostname": "" });
  });
});
