/** The stable codes of the pre-check catalogue (DOMAIN.md), plus KIND_UNSUITABLE for kind/state. */
export const PRECHECK_CODES = [
  "SAME_HOST",
  "TARGET_UNREACHABLE",
  "NOT_ALLOWED_BY_TARGET",
  "AUTH_FAILED",
  "HYPERVISOR_MISMATCH",
  "SUBNET_MISMATCH",
  "CPU_INCOMPATIBLE",
  "INSUFFICIENT_CPU",
  "INSUFFICIENT_MEMORY",
  "MEMORY_LAYOUT_INCOMPATIBLE",
  "SWITCH_MISSING",
  "NIC_MISSING",
  "VOLUME_MISSING",
  "VOLUME_STORAGE_MISMATCH",
  "STORAGE_NOT_SHARED",
  "NO_CONSOLE_PORT",
  "MAC_CONFLICT",
  "DIRECT_IO_DOMAIN",
  "CRYPTO_MULTI_VCPU",
  "DELAYED_RECONFIG",
  "DOMAIN_BUSY",
  "NAME_TAKEN",
  "KIND_UNSUITABLE",
] as const;

export type PrecheckCode = (typeof PRECHECK_CODES)[number];

export interface PrecheckResult {
  code: PrecheckCode;
  ok: boolean;
  message: string;
}

export function pass(code: PrecheckCode, message: string): PrecheckResult {
  return { code, ok: true, message };
}

export function fail(code: PrecheckCode, message: string): PrecheckResult {
  return { code, ok: false, message: `${code}: ${message}` };
}
