import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Throwaway certificates for the TLS tests, made with the openssl command: a CA and one agent's. */
export interface TestCerts {
  ca: string;
  cert: string;
  key: string;
  /** A certificate for 127.0.0.1 that no CA of ours signed. */
  strangerCert: string;
  strangerKey: string;
  /** A certificate for 127.0.0.1 that another CA signed, and that CA with ours (to trust both). */
  foreignCert: string;
  foreignKey: string;
  bothCas: string;
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function openssl(dir: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** A certificate for 127.0.0.1 (server and client) that the CA `caName`.pem signed. */
function issue(dir: string, caName: string, name: string): void {
  openssl(dir, "req", ...EC, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", "/CN=127.0.0.1");
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    `${caName}.pem`,
    "-CAkey",
    `${caName}.key`,
    "-CAcreateserial",
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
  );
}

function makeCa(dir: string, name: string, subject: string): void {
  openssl(
    dir,
    "req",
    "-x509",
    ...EC,
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-subj",
    subject,
  );
}

export function makeCerts(dir: string): TestCerts {
  writeFileSync(
    join(dir, "ext.cnf"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n",
  );
  makeCa(dir, "ca", "/CN=Ballast test CA");
  issue(dir, "ca", "agent");
  makeCa(dir, "other-ca", "/CN=Another test CA");
  issue(dir, "other-ca", "foreign");
  writeFileSync(
    join(dir, "both-cas.pem"),
    Buffer.concat([readFileSync(join(dir, "ca.pem")), readFileSync(join(dir, "other-ca.pem"))]),
  );
  openssl(
    dir,
    "req",
    "-x509",
    ...EC,
    "-keyout",
    "stranger.key",
    "-out",
    "stranger.pem",
    "-days",
    "2",
    "-subj",
    "/CN=127.0.0.1",
  );
  return {
    ca: join(dir, "ca.pem"),
    cert: join(dir, "agent.pem"),
    key: join(dir, "agent.key"),
    strangerCert: join(dir, "stranger.pem"),
    strangerKey: join(dir, "stranger.key"),
    foreignCert: join(dir, "foreign.pem"),
    foreignKey: join(dir, "foreign.key"),
    bothCas: join(dir, "both-cas.pem"),
  };
}
