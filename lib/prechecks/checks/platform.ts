import { fail, type PrecheckResult, pass } from "../codes";
import type { PrecheckInput } from "../facts";

/** Checks that the target runs the same kind of machine: hypervisor, network, processor. */

export function hypervisorMatches({ source, target }: PrecheckInput): PrecheckResult | null {
  if (!target?.hypervisor || !source.hypervisor) return null;
  return source.hypervisor === target.hypervisor
    ? pass("HYPERVISOR_MISMATCH", `both hosts run ${target.hypervisor}`)
    : fail(
        "HYPERVISOR_MISMATCH",
        `target ${target.name} runs ${target.hypervisor}, source runs ${source.hypervisor}`,
      );
}

export function subnetMatches({ source, target }: PrecheckInput): PrecheckResult | null {
  if (!target?.subnet || !source.subnet) return null;
  return source.subnet === target.subnet
    ? pass("SUBNET_MISMATCH", `both hosts are on ${target.subnet}`)
    : fail("SUBNET_MISMATCH", `target ${target.name} is on ${target.subnet}, source on ${source.subnet}`);
}

export function cpuCompatible({ source, target, domain }: PrecheckInput): PrecheckResult | null {
  if (target === null) return null;
  const sameCpu = source.cpu.model === target.cpu.model && source.cpu.mhz === target.cpu.mhz;
  const describe = (cpu: { model: string; mhz: number }) => `${cpu.model} at ${cpu.mhz} MHz`;
  if (sameCpu) return pass("CPU_INCOMPATIBLE", `both hosts have ${describe(target.cpu)}`);
  if (domain.cpuArch !== "generic") {
    return fail(
      "CPU_INCOMPATIBLE",
      `target ${target.name} has ${describe(target.cpu)}, source ${describe(source.cpu)}; domain ${domain.name} has cpu-arch=native (set cpu-arch=generic to migrate across CPU types)`,
    );
  }
  if (source.cpu.genericArch === false || target.cpu.genericArch === false) {
    const host = target.cpu.genericArch === false ? target.name : source.name;
    return fail("CPU_INCOMPATIBLE", `host ${host} does not support cpu-arch=generic`);
  }
  return pass(
    "CPU_INCOMPATIBLE",
    `cpu-arch=generic: ${describe(source.cpu)} to ${describe(target.cpu)} allowed`,
  );
}
