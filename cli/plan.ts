import { parseSnapshotJson } from "../lib/planner/parse-snapshot";
import { plan } from "../lib/planner/plan";
import { SnapshotError } from "../lib/planner/snapshot-error";

/**
 * `npm run --silent plan < snapshot.json > plan.json` (CONTRACTS.md section 2): a snapshot on
 * standard input, the plan on standard output. Bad input gets one line on standard error naming the
 * problem, a non-zero exit, and nothing on standard output.
 */

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

async function main(): Promise<number> {
  // A reader that stops early (`| head`) is not an error of ours.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  const text = await readStdin();
  try {
    const result = plan(parseSnapshotJson(text));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SnapshotError) {
      process.stderr.write(`plan: bad snapshot: ${oneLine(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`plan: internal error: ${oneLine(message)}\n`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`plan: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  },
);
