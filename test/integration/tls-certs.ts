import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Throwaway certificates for the TLS tests, made with the openssl command: a CA and one agent's. */
export interface TestCerts {
  ca: string;
  cert: string;
  key: string;
  /** A certificate for 127.0.0.1 that no CA of ours signed. */
  strangerCert: string;
  strangerKey: string;
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function openssl(dir: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

export function makeCerts(dir: string): TestCerts {
  writeFileSync(
    join(dir, "ext.cnf"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n",
  );
  openssl(
    dir,
    "req",
    "-x509",
    ...EC,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=Ballast test CA",
  );
  openssl(dir, "req", ...EC, "-keyout", "agent.key", "-out", "agent.csr", "-subj", "/CN=127.0.0.1");
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "agent.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "agent.pem",
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
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
  };
}
