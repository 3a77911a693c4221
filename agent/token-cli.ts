import { parseArgs } from "node:util";
import { hashToken, mintToken } from "../lib/agent-auth/token-hash";

/**
 * `npm run agent:token`: a new agent token and the line its agent's config keeps for it (the hash).
 * `npm run agent:token -- --stdin` hashes a token read from standard input instead (to replace a
 * plain `token` in a config, or to write a peer's `hash`). The token is shown once: nothing stores it.
 */

const USAGE = "usage: npm run --silent agent:token [-- --stdin] [-- --not-after ISO-8601]";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stdin: { type: "boolean" }, "not-after": { type: "string" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const notAfter = values["not-after"];
  if (notAfter !== undefined && Number.isNaN(Date.parse(notAfter)))
    throw new Error(`--not-after: not an ISO-8601 date and time: ${notAfter}`);
  const token = values.stdin ? await readStdin() : mintToken();
  if (token.length < 16) throw new Error("a token has at least 16 characters");
  const entry = {
    hash: hashToken(token),
    ...(notAfter ? { notAfter: new Date(notAfter).toISOString() } : {}),
  };
  if (!values.stdin) console.log(`token: ${token}`);
  console.log(`tokens entry: ${JSON.stringify(entry)}`);
  console.log(`peers' hash:  ${JSON.stringify(entry.hash)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`agent:token: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
});
