import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import type { StreamTls } from "../../auth/stream-tls";
import { type QmpClient, QmpError } from "./qmp-client";

/**
 * TLS on QEMU's own migration stream: a `tls-creds-x509` object loaded from a directory in the
 * guest's run directory, holding the agent's certificate and key under the names QEMU looks for
 * (crypto/tlscredsx509.h), and the migration's `tls-creds` parameter pointing at it. The target's
 * QEMU is the server and requires a client certificate its CA signed (verify-peer); the source's is
 * the client, and checks the target's certificate against `tls-hostname`, the address it connects to.
 */

export type TlsRole = "server" | "client";

/** The agent's certificates for one QEMU's stream, or none: the stream is plain. */
export type MigrationTlsSetup =
  | { role: "server"; tls: StreamTls }
  | { role: "client"; tls: StreamTls; hostname: string }
  | undefined;

/** The QOM id of the credentials: one per QEMU, replaced when the QEMU changes role. */
export const MIGRATION_TLS_ID = "ballast-migration-tls";

/** In the guest's run directory (mode 0700: it holds a private key). */
export const MIGRATION_TLS_DIR = "migration-tls";

export interface CredsFile {
  name: string;
  pem: Buffer;
  mode: number;
}

/** The files QEMU reads for `role`: the CA (the system's when the agent names none), cert, key. */
export function tlsCredsFiles(role: TlsRole, tls: StreamTls): CredsFile[] {
  if (tls.cert.length === 0 || tls.key.length === 0) throw new Error("TLS certificate or key is empty");
  return [
    { name: "ca-cert.pem", pem: tls.ca ?? Buffer.from(rootCertificates.join("\n")), mode: 0o644 },
    { name: `${role}-cert.pem`, pem: tls.cert, mode: 0o644 },
    { name: `${role}-key.pem`, pem: tls.key, mode: 0o600 },
  ];
}

/** `object-add`'s arguments. verify-peer: a server requires the client's certificate, a client checks the server's. */
export function tlsCredsObject(role: TlsRole, dir: string): Record<string, unknown> {
  return { "qom-type": "tls-creds-x509", id: MIGRATION_TLS_ID, endpoint: role, dir, "verify-peer": true };
}

/**
 * `migrate-set-parameters`' TLS part. Plain clears them: a guest that came in over TLS keeps its
 * parameters, and would otherwise look for credentials when it next migrates.
 */
export function tlsParameters(setup: MigrationTlsSetup): Record<string, string> {
  if (!setup) return { "tls-creds": "", "tls-hostname": "" };
  if (setup.role === "server") return { "tls-creds": MIGRATION_TLS_ID };
  return { "tls-creds": MIGRATION_TLS_ID, "tls-hostname": setup.hostname };
}

/** Writes the credentials, (re)loads them into QEMU and points its migration at them; plain clears. */
export async function configureMigrationTls(
  qmp: QmpClient,
  runDir: string,
  setup: MigrationTlsSetup,
): Promise<void> {
  if (setup) {
    const dir = await writeCredsDir(join(runDir, MIGRATION_TLS_DIR), tlsCredsFiles(setup.role, setup.tls));
    await deleteCreds(qmp);
    await qmp.execute("object-add", tlsCredsObject(setup.role, dir));
  }
  await qmp.execute("migrate-set-parameters", tlsParameters(setup));
}

async function writeCredsDir(dir: string, files: CredsFile[]): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { mode: 0o700 });
  await chmod(dir, 0o700); // whatever the umask
  for (const file of files) {
    await writeFile(join(dir, file.name), file.pem, { mode: file.mode });
    await chmod(join(dir, file.name), file.mode);
  }
  return dir;
}

/** Credentials of an earlier migration of this QEMU (as a target, say) go first; none is fine. */
async function deleteCreds(qmp: QmpClient): Promise<void> {
  try {
    await qmp.execute("object-del", { id: MIGRATION_TLS_ID });
  } catch (error) {
    if (!(error instanceof QmpError)) throw error;
  }
}
