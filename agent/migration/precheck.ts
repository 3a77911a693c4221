import { AgentHttpError, PeerNotVerifiedError } from "../../lib/agent-client/errors";
import type { Reachability } from "../../lib/prechecks/facts";
import { domainFacts, hostFacts, macsOf } from "../../lib/prechecks/from-inventory";
import { runPrechecks } from "../../lib/prechecks/run-prechecks";
import { type PredictionInput, predictMigration } from "../../lib/prediction/precopy-model";
import type {
  Check,
  MigrationKind,
  Prediction,
  RequestedKind,
  StartMigrationRequest,
} from "../../lib/schemas/migration";
import type { HelloResponse } from "../../lib/schemas/peer";
import { MiB } from "../../lib/units";
import { notFound } from "../api-error";
import type { DriverDomain, MigrationCosts } from "../drivers/driver";
import { normalizeUrl } from "../url";
import type { MigrationContext } from "./migration-context";

/**
 * Phase 1 on the source (libvirt's Begin): ask the target about itself, run the whole catalogue,
 * and predict the cost. Changes nothing, so a dry run is exactly this.
 */

export interface PrecheckOutcome {
  checks: Check[];
  ok: boolean;
  domain: DriverDomain;
  kind: MigrationKind;
  targetName: string;
  target: { name: string; url: string };
  prediction: Prediction | null;
  bandwidthBytesPerSec: number;
  downtimeLimitMs: number;
}

/** `auto` as `ldm migrate` does it: cold for a domain that is not running, live otherwise. */
export function resolveKind(requested: RequestedKind, state: DriverDomain["state"]): MigrationKind {
  if (requested !== "auto") return requested;
  if (state === "active") return "live";
  if (state === "suspended") return "warm";
  return "cold";
}

export async function precheck(
  context: MigrationContext,
  request: StartMigrationRequest,
): Promise<PrecheckOutcome> {
  const { driver, config } = context;
  const domain = driver.domain(request.domain);
  if (!domain) throw notFound(`domain ${request.domain} on ${config.name}`);
  const kind = resolveKind(request.kind, domain.state);
  const targetName = request.targetName ?? request.domain;
  const source = hostFacts(driver.host(), {
    domainNames: driver.domains().map((d) => d.name),
    macsInUse: macsOf(driver.domains()),
  });

  const { reach, hello } = await greetTarget(context, request.target);
  const target = hello
    ? hostFacts(hello.host, { domainNames: hello.domainNames, macsInUse: hello.macsInUse })
    : null;
  const checks = runPrechecks({
    source,
    target,
    domain: domainFacts(domain, context.busyReason(domain.name)),
    targetName,
    kind,
    reach,
  });
  for (const check of checks) if (!check.ok) context.metrics.precheckFailures.inc({ code: check.code });

  const bandwidthBytesPerSec =
    Math.min(config.migration.linkMiBps, request.maxBandwidthMiBps ?? Infinity) * MiB;
  const downtimeLimitMs = request.downtimeLimitMs ?? config.migration.defaultDowntimeLimitMs;
  const prediction = predictMigration({
    kind,
    memoryBytes: domain.memoryMiB * MiB,
    bandwidthBytesPerSec,
    downtimeLimitMs,
    workload: await driver.workload(domain.name),
    onNoConvergence: request.onNoConvergence ?? config.migration.onNoConvergence,
    ...costInputs(driver.migrationCosts, config.migration.linkMiBps * MiB),
  });
  return {
    checks,
    ok: checks.every((check) => check.ok),
    domain,
    kind,
    targetName,
    target: { name: hello?.host.name ?? target?.name ?? request.target, url: request.target },
    prediction,
    bandwidthBytesPerSec,
    downtimeLimitMs,
  };
}

/** The handshake that tells reachability, credentials and the target's allow-list apart. */
async function greetTarget(
  context: MigrationContext,
  url: string,
): Promise<{ reach: Reachability; hello: HelloResponse | null }> {
  const { config, driver } = context;
  if (normalizeUrl(url) === normalizeUrl(config.url)) {
    // Migrating to itself: answer from local facts, so SAME_HOST (and the rest) are reported.
    const domains = driver.domains();
    return {
      reach: { status: "ok" },
      hello: { host: driver.host(), domainNames: domains.map((d) => d.name), macsInUse: macsOf(domains) },
    };
  }
  const peer = context.peer(url);
  if (!peer) {
    return {
      reach: { status: "auth-failed", message: `no credentials for target ${url} in this agent's peers` },
      hello: null,
    };
  }
  try {
    const hello = await peer.hello({ name: config.name, url: config.url });
    return { reach: { status: "ok" }, hello };
  } catch (error) {
    // Either end failed to prove itself: this agent's signature (401, or not a peer of the target),
    // or the target's (an answer its hash in our peers does not verify).
    if (error instanceof AgentHttpError && (error.status === 401 || error.code === "UNKNOWN_PEER")) {
      return {
        reach: { status: "auth-failed", message: `target ${url} rejected our credentials: ${error.message}` },
        hello: null,
      };
    }
    if (error instanceof PeerNotVerifiedError) {
      return { reach: { status: "auth-failed", message: error.message }, hello: null };
    }
    if (error instanceof AgentHttpError && error.code === "NOT_ALLOWED_BY_TARGET") {
      return { reach: { status: "not-allowed", message: error.message }, hello: null };
    }
    return {
      reach: {
        status: "unreachable",
        message: `target agent ${url} is not reachable: ${(error as Error).message}`,
      },
      hello: null,
    };
  }
}

/** What the prediction needs to know of the driver's costs beyond the plain transfer. */
function costInputs(
  costs: MigrationCosts | undefined,
  linkBytesPerSec: number,
): Pick<PredictionInput, "stopCopyBytesPerSec" | "switchoverMs" | "setupMs"> {
  if (!costs) return {};
  return {
    ...(costs.unthrottledStopAndCopy ? { stopCopyBytesPerSec: linkBytesPerSec } : {}),
    switchoverMs: costs.switchoverMs,
    setupMs: costs.setupMs,
  };
}
