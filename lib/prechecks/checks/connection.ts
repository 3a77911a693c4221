import { fail, type PrecheckResult, pass } from "../codes";
import type { PrecheckInput } from "../facts";

/** Checks about reaching the target at all: who it is, whether it answers, whether it lets us in. */

export function sameHost({ source, target }: PrecheckInput): PrecheckResult | null {
  if (target === null) return null;
  return source.name === target.name
    ? fail("SAME_HOST", `source and target are the same host (${source.name})`)
    : pass("SAME_HOST", `target ${target.name} is another host`);
}

export function targetReachable({ reach }: PrecheckInput): PrecheckResult | null {
  if (reach === undefined) return null;
  return reach.status === "unreachable"
    ? fail("TARGET_UNREACHABLE", reach.message)
    : pass("TARGET_UNREACHABLE", "target agent answered");
}

export function authAccepted({ reach }: PrecheckInput): PrecheckResult | null {
  if (reach === undefined || reach.status === "unreachable") return null;
  return reach.status === "auth-failed"
    ? fail("AUTH_FAILED", reach.message)
    : pass("AUTH_FAILED", "target accepted our credentials");
}

export function allowedByTarget({ reach, source }: PrecheckInput): PrecheckResult | null {
  if (reach === undefined || reach.status === "unreachable" || reach.status === "auth-failed") return null;
  return reach.status === "not-allowed"
    ? fail("NOT_ALLOWED_BY_TARGET", reach.message)
    : pass("NOT_ALLOWED_BY_TARGET", `target accepts migrations from ${source.name}`);
}
