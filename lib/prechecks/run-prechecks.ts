import { enoughCpu, enoughMemory, memoryLayoutFits } from "./checks/capacity";
import { allowedByTarget, authAccepted, sameHost, targetReachable } from "./checks/connection";
import {
  cryptoSingleVcpu,
  kindSuitsState,
  nameFree,
  noDelayedReconfig,
  notBusy,
  notDirectIO,
} from "./checks/domain";
import {
  consolePortFree,
  macsFree,
  nicsPresent,
  storageShared,
  switchesPresent,
  volumesPresent,
  volumesReferToSameStorage,
} from "./checks/io";
import { cpuCompatible, hypervisorMatches, subnetMatches } from "./checks/platform";
import type { PrecheckResult } from "./codes";
import type { PrecheckInput } from "./facts";

/** Every check, in the order an admin reads them: connection, platform, capacity, I/O, domain. */
const CHECKS: ((input: PrecheckInput) => PrecheckResult | null)[] = [
  targetReachable,
  authAccepted,
  allowedByTarget,
  sameHost,
  hypervisorMatches,
  subnetMatches,
  cpuCompatible,
  enoughCpu,
  enoughMemory,
  memoryLayoutFits,
  switchesPresent,
  nicsPresent,
  volumesPresent,
  volumesReferToSameStorage,
  storageShared,
  consolePortFree,
  macsFree,
  notDirectIO,
  cryptoSingleVcpu,
  noDelayedReconfig,
  notBusy,
  nameFree,
  kindSuitsState,
];

/**
 * Runs every check that the given facts allow and reports all of them, passed and failed, so an
 * admin sees every problem at once. Checks whose facts are unknown are left out, not guessed.
 */
export function runPrechecks(input: PrecheckInput): PrecheckResult[] {
  return CHECKS.map((check) => check(input)).filter((result): result is PrecheckResult => result !== null);
}

export function failedChecks(results: PrecheckResult[]): PrecheckResult[] {
  return results.filter((result) => !result.ok);
}
