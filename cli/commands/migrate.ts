import type { ClusterClient } from "../../lib/agent-client/cluster-client";
import { AgentHttpError } from "../../lib/agent-client/errors";
import type { Check, DryRunResult, Prediction, RequestedKind } from "../../lib/schemas/migration";
import { formatBytes } from "../../lib/units";
import { UsageError } from "../context";
import { seconds } from "../table";
import { followMigration } from "./status";

/** `migrate [-n] DOMAIN TARGET[:NEWNAME]`, as `ldm migrate-domain`. */

export interface MigrateOptions {
  dryRun: boolean;
  kind: RequestedKind;
  bandwidthMiBps?: number;
  downtimeMs?: number;
  wait: boolean;
}

export async function migrate(
  cluster: ClusterClient,
  domain: string,
  destination: string,
  options: MigrateOptions,
): Promise<{ output: string; ok: boolean }> {
  const [targetHost, newName] = splitDestination(destination);
  const target = cluster.agent(targetHost);
  const targetUrl = target?.client.url ?? (/^https?:\/\//.test(targetHost) ? targetHost : undefined);
  if (!targetUrl)
    throw new UsageError(`no host ${targetHost} in the cluster (give a host name or the target agent's URL)`);
  const source = await cluster.locate(domain);
  if (!source) throw new Error(`no domain ${domain} on any reachable host`);
  const request = {
    domain,
    target: targetUrl,
    targetName: newName,
    kind: options.kind,
    maxBandwidthMiBps: options.bandwidthMiBps,
    downtimeLimitMs: options.downtimeMs,
  };
  if (options.dryRun) {
    const result = await source.client.dryRun(request);
    return { output: describeDryRun(result), ok: result.ok };
  }
  try {
    const status = await source.client.startMigration(request);
    const started = `Migration ${status.id} of ${domain} from ${source.name} to ${status.target} started (${status.kind}).`;
    if (!options.wait) return { output: started, ok: true };
    process.stdout.write(`${started}\n`);
    const final = await followMigration(source.client, status.id);
    return { output: "", ok: final.phase === "completed" };
  } catch (error) {
    if (error instanceof AgentHttpError && error.checks.length > 0) {
      return {
        output: `Migration of ${domain} refused:\n${describeChecks(error.checks.filter((check) => !check.ok))}`,
        ok: false,
      };
    }
    throw error;
  }
}

function splitDestination(destination: string): [string, string | undefined] {
  // A URL target has colons of its own: the new name follows the last colon only when it is not a port.
  const match = /^(.*):([A-Za-z][A-Za-z0-9_.-]*)$/.exec(destination);
  return match?.[1] && match[2] ? [match[1], match[2]] : [destination, undefined];
}

export function describeChecks(checks: Check[]): string {
  // A failed check's message starts with its code (so it stands alone in logs); the column shows it already.
  const text = (check: Check) => check.message.replace(`${check.code}: `, "");
  return checks
    .map((check) => `  ${check.ok ? "ok  " : "FAIL"}  ${check.code.padEnd(26)} ${text(check)}`)
    .join("\n");
}

function describePrediction(prediction: Prediction): string {
  const parts = [
    `${prediction.kind}`,
    `about ${seconds(prediction.seconds)}`,
    `downtime ~${Math.round(prediction.downtimeMs)} ms`,
    `${formatBytes(prediction.transferBytes)} to send`,
    `${prediction.rounds} round(s)`,
  ];
  const warning = prediction.converges
    ? ""
    : `\n  warning: does not converge (${prediction.stopReason}): the guest dirties memory faster than it can be sent`;
  return `Prediction: ${parts.join(", ")}${warning}`;
}

function describeDryRun(result: DryRunResult): string {
  const verdict = result.ok
    ? "Dry run: every pre-check passed."
    : `Dry run: ${result.checks.filter((c) => !c.ok).length} pre-check(s) failed.`;
  return [
    verdict,
    describeChecks(result.checks),
    result.prediction ? describePrediction(result.prediction) : "",
  ]
    .filter(Boolean)
    .join("\n");
}
