import { parseArgs } from "node:util";
import { AgentHttpError, AgentUnreachableError } from "../lib/agent-client/errors";
import { migrationKindSchema } from "../lib/schemas/migration";
import { listDomains, listHosts } from "./commands/list";
import { migrate } from "./commands/migrate";
import { cancel, resolve, status } from "./commands/status";
import { connect, DEFAULT_MANIFEST, UsageError } from "./context";

/** `npm run ctl -- COMMAND`: the cluster from a terminal, in the spirit of `ldm`. */

const USAGE = `usage: npm run ctl -- [--manifest FILE | --agent URL --token TOKEN] COMMAND

commands:
  list-hosts                          hosts and their free resources
  list [HOST]                         domains with STATE, FLAGS (6th: s source, t target, e error), VCPU, MEMORY
  migrate [-n] DOMAIN TARGET[:NEWNAME]
          [--kind auto|live|warm|cold] [--bandwidth MiB/s] [--downtime ms] [--wait]
                                      -n: dry run, print every pre-check and the prediction
  status [ID] [--all]                 migrations in progress (all, with --all), as ldm list -o status
  cancel ID|DOMAIN                    cancel a migration (from its source)
  resolve ID|DOMAIN --keep source|target
                                      settle a migration that needs attention (hand-off outcome
                                      unknown): resume the domain on the source, or keep it on the target

The manifest defaults to ${DEFAULT_MANIFEST}, written by npm start or npm run cluster.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      manifest: { type: "string" },
      agent: { type: "string" },
      token: { type: "string" },
      "dry-run": { type: "boolean", short: "n" },
      kind: { type: "string", default: "auto" },
      bandwidth: { type: "string" },
      downtime: { type: "string" },
      wait: { type: "boolean", short: "w" },
      all: { type: "boolean", short: "a" },
      keep: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const cluster = await connect(values);
  switch (command) {
    case "list-hosts":
    case "ls-hosts":
      console.log(await listHosts(cluster));
      return 0;
    case "list":
    case "ls":
      console.log(await listDomains(cluster, args[0]));
      return 0;
    case "migrate":
    case "migrate-domain": {
      const [domain, destination] = args;
      if (!domain || !destination) throw new UsageError("migrate needs DOMAIN and TARGET[:NEWNAME]");
      const kind = migrationKindSchema.safeParse(values.kind);
      if (!kind.success) throw new UsageError("--kind must be auto, live, warm or cold");
      const result = await migrate(cluster, domain, destination, {
        dryRun: values["dry-run"] ?? false,
        kind: kind.data,
        bandwidthMiBps: positive(values.bandwidth, "--bandwidth"),
        downtimeMs: positive(values.downtime, "--downtime"),
        wait: values.wait ?? false,
      });
      if (result.output) console.log(result.output);
      return result.ok ? 0 : 1;
    }
    case "status":
      console.log(await status(cluster, args[0], values.all));
      return 0;
    case "cancel":
    case "cancel-operation": {
      const target = args[0] === "migration" ? args[1] : args[0];
      if (!target) throw new UsageError("cancel needs a migration ID or a DOMAIN");
      console.log(await cancel(cluster, target));
      return 0;
    }
    case "resolve": {
      const target = args[0];
      if (!target || (values.keep !== "source" && values.keep !== "target")) {
        throw new UsageError("resolve needs a migration ID or DOMAIN and --keep source|target");
      }
      console.log(await resolve(cluster, target, values.keep));
      return 0;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

function positive(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0)) throw new UsageError(`${flag} must be a positive number`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`ctl: ${(error as Error).message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    const prefix = error instanceof AgentHttpError ? `${error.code}: ` : "";
    const message =
      error instanceof AgentUnreachableError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`ctl: ${prefix}${message}\n`);
    process.exit(1);
  },
);
