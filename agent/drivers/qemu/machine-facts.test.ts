import { describe, expect, it } from "vitest";
import { parseCpuinfo, parseMeminfo, parseProcessStat, parseQemuVersion } from "./machine-facts";

const MEMINFO = `MemTotal:       24683328 kB
MemFree:        21989212 kB
MemAvailable:   23898908 kB
Buffers:          102400 kB
`;

const CPUINFO = `processor	: 0
vendor_id	: AuthenticAMD
model name	: AMD EPYC
cpu MHz		: 2096.017
siblings	: 4
cpu cores	: 2

processor	: 1
model name	: AMD EPYC
cpu MHz		: 2099.9

processor	: 2
model name	: AMD EPYC

processor	: 3
model name	: AMD EPYC
`;

describe("parseMeminfo", () => {
  it("reads total and available memory in MiB", () => {
    expect(parseMeminfo(MEMINFO)).toEqual({ totalMiB: 24104, availableMiB: 23338 });
  });

  it("says which line is missing", () => {
    expect(() => parseMeminfo("MemTotal: 1024 kB\n")).toThrow(/MemAvailable/);
  });
});

describe("parseCpuinfo", () => {
  it("reads the model, a frequency stable to 10 MHz, the logical CPUs and threads per core", () => {
    expect(parseCpuinfo(CPUINFO)).toEqual({
      model: "AMD EPYC",
      mhz: 2100,
      logicalCpus: 4,
      threadsPerCore: 2,
    });
  });

  it("copes with machines that say little (no frequency, no topology)", () => {
    expect(parseCpuinfo("processor : 0\ncpu model : MIPS 24Kc\n")).toEqual({
      model: "MIPS 24Kc",
      mhz: 0,
      logicalCpus: 1,
      threadsPerCore: 1,
    });
    expect(() => parseCpuinfo("")).toThrow(/no processor/);
  });
});

describe("parseQemuVersion", () => {
  it("reads Debian's QEMU version line", () => {
    expect(parseQemuVersion("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)\nCopyright")).toBe(
      "7.2.22",
    );
    expect(() => parseQemuVersion("bash: qemu: not found")).toThrow(/cannot read QEMU's version/);
  });
});

describe("parseProcessStat", () => {
  it("reads CPU ticks past a command name with spaces and parentheses, and the resident size", () => {
    const fields = ["S", "1", "2", "3", "0", "-1", "4194560", "10", "0", "0", "0", "150", "50"];
    const stat = `4242 (qemu (guest) x) ${fields.join(" ")} 0 0 20 0 3 0`;
    expect(parseProcessStat(stat, "Name: qemu\nVmRSS:\t  262144 kB\n")).toEqual({
      cpuTicks: 200,
      rssMiB: 256,
    });
  });
});
