import { fail, type PrecheckResult, pass } from "../codes";
import type { PrecheckInput } from "../facts";

/** Checks on virtual I/O: switches, NICs, volumes and their storage, console, MAC addresses. */

function list(items: string[]): string {
  return items.join(", ");
}

export function switchesPresent({ target, domain }: PrecheckInput): PrecheckResult | null {
  if (target === null) return null;
  const missing = domain.switches.filter((name) => !target.switches.includes(name));
  return missing.length > 0
    ? fail(
        "SWITCH_MISSING",
        `virtual switch ${list(missing)} used by ${domain.name} is not on target ${target.name}`,
      )
    : pass(
        "SWITCH_MISSING",
        domain.switches.length > 0 ? `target has ${list(domain.switches)}` : "no network devices",
      );
}

export function nicsPresent({ target, domain }: PrecheckInput): PrecheckResult | null {
  if (target?.nics === undefined || domain.bridges === undefined) return null;
  const nics = target.nics;
  const missing = domain.bridges.filter((nic) => !nics.includes(nic));
  return missing.length > 0
    ? fail(
        "NIC_MISSING",
        `physical interface ${list(missing)} that ${domain.name} is bridged over is not on target ${target.name}`,
      )
    : pass(
        "NIC_MISSING",
        domain.bridges.length > 0 ? `target has ${list(domain.bridges)}` : "no bridged interfaces",
      );
}

export function volumesPresent({ target, domain }: PrecheckInput): PrecheckResult | null {
  if (target === null) return null;
  const missing = domain.volumes.filter((volume) => target.volumes[volume] === undefined);
  return missing.length > 0
    ? fail("VOLUME_MISSING", `volume ${list(missing)} used by ${domain.name} is not on target ${target.name}`)
    : pass("VOLUME_MISSING", domain.volumes.length > 0 ? `target has ${list(domain.volumes)}` : "no disks");
}

export function volumesReferToSameStorage({ source, target, domain }: PrecheckInput): PrecheckResult | null {
  if (target === null) return null;
  const mismatched = domain.volumes.filter((volume) => {
    const there = target.volumes[volume];
    return there !== undefined && there !== source.volumes[volume];
  });
  if (mismatched.length === 0)
    return pass("VOLUME_STORAGE_MISMATCH", "every volume refers to the same storage");
  const details = mismatched.map(
    (volume) =>
      `${volume} refers to ${target.volumes[volume]} on ${target.name} but to ${source.volumes[volume] ?? "nothing"} on ${source.name}`,
  );
  return fail("VOLUME_STORAGE_MISMATCH", `volume ${details.join("; ")}`);
}

/** The storage pool of a volume's storage: "san-a/lun7" is on "san-a". */
export function storagePool(storage: string): string {
  return storage.split("/")[0] ?? storage;
}

export function storageShared({ source, target, domain }: PrecheckInput): PrecheckResult | null {
  const reachable = target?.storage;
  if (target === null || reachable === undefined) return null;
  const unreachable = domain.volumes
    .map((volume) => source.volumes[volume])
    .filter(
      (storage): storage is string => storage !== undefined && !reachable.includes(storagePool(storage)),
    );
  return unreachable.length > 0
    ? fail(
        "STORAGE_NOT_SHARED",
        `disk storage ${list(unreachable)} of ${domain.name} cannot be reached from ${target.name}`,
      )
    : pass("STORAGE_NOT_SHARED", "every disk is on storage the target reaches");
}

export function consolePortFree({ target }: PrecheckInput): PrecheckResult | null {
  if (target === null || target.freeConsolePorts === undefined) return null;
  return target.freeConsolePorts > 0
    ? pass("NO_CONSOLE_PORT", `target has ${target.freeConsolePorts} free console ports`)
    : fail("NO_CONSOLE_PORT", `target ${target.name} has no console concentrator with a free port`);
}

export function macsFree({ target, domain }: PrecheckInput): PrecheckResult | null {
  if (target?.macsInUse === undefined || domain.macs === undefined) return null;
  const inUse = new Set(target.macsInUse.map((mac) => mac.toLowerCase()));
  const conflicts = domain.macs.filter((mac) => inUse.has(mac.toLowerCase()));
  return conflicts.length > 0
    ? fail(
        "MAC_CONFLICT",
        `MAC address ${list(conflicts)} of ${domain.name} is in use on target ${target.name}`,
      )
    : pass("MAC_CONFLICT", "no MAC address in use on the target");
}
