import { describe, expect, it } from "vitest";
import { ConfigError, parseAgentConfig } from "../../config";
import { chooseAccel, unsafeForMigration } from "./create-qemu-driver";

function config(host: unknown): Record<string, unknown> {
  return {
    name: "h1",
    listen: { port: 7101 },
    token: "0123456789abcdef",
    stateDir: "state/h1",
    driver: { kind: "qemu", host },
  };
}

describe("the qemu driver's config", () => {
  it("defaults to software emulation and reads the rest from the machine", () => {
    const parsed = parseAgentConfig(config(undefined), "agent.json");
    expect(parsed.driver).toMatchObject({
      kind: "qemu",
      host: {
        accel: "tcg",
        subnet: null,
        cpu: { genericArch: true },
        memory: { reservedMiB: 0 },
        switches: [],
        volumes: {},
        console: { name: "primary-vcc0", firstPort: 5000, lastPort: 5127 },
        domains: [],
      },
    });
  });

  it("takes domains with their size and workload, and switches, volumes and console ports", () => {
    const parsed = parseAgentConfig(
      config({
        accel: "kvm",
        switches: [{ name: "vsw0" }],
        volumes: { "g1-boot": "san/lun1" },
        console: { name: "vcc0", firstPort: 6000, lastPort: 6003 },
        domains: [
          {
            name: "g1",
            vcpus: 1,
            memoryMiB: 256,
            networks: [{ switch: "vsw0" }],
            disks: [{ volume: "g1-boot" }],
            workload: { dirtyRateMiBps: 8, wwsMiB: 64 },
          },
          { name: "g2", state: "inactive", vcpus: 2, memoryMiB: 128 },
        ],
      }),
      "agent.json",
    );
    expect(parsed.driver.kind === "qemu" && parsed.driver.host.domains).toEqual([
      expect.objectContaining({ name: "g1", state: "active", workload: { dirtyRateMiBps: 8, wwsMiB: 64 } }),
      expect.objectContaining({ name: "g2", state: "inactive", workload: { dirtyRateMiBps: 0, wwsMiB: 0 } }),
    ]);
  });

  it("reports every mistake with its path", () => {
    let error: unknown;
    try {
      parseAgentConfig(
        config({
          accel: "xen",
          domains: [
            { name: "g1", vcpus: 0, memoryMiB: 32 },
            { name: "g2", vcpus: 1, memoryMiB: 128, workload: { dirtyRateMiBps: 4, wwsMiB: 128 } },
            { name: "g2", vcpus: 1, memoryMiB: 128 },
          ],
        }),
        "agent.json",
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/driver\.host\.accel: /);
    expect(message).toMatch(/driver\.host\.domains\.0\.vcpus: /);
    expect(message).toMatch(/driver\.host\.domains\.0\.memoryMiB: /);
    expect(message).toContain(
      "driver.host.domains.1.workload.wwsMiB: workload.wwsMiB must be smaller than memoryMiB",
    );
    expect(message).toContain("driver.host.domains: domain names must be unique");
  });
});

describe("chooseAccel", () => {
  it("uses KVM only when configured and present", () => {
    expect(chooseAccel("tcg", true)).toBe("tcg");
    expect(chooseAccel("kvm", true)).toBe("kvm");
    expect(chooseAccel("kvm", false)).toBe("tcg");
  });
});

describe("unsafeForMigration", () => {
  it("refuses QEMU before 9.0 under TCG, which loses guest writes while migrating", () => {
    expect(unsafeForMigration("7.2.22", "tcg")).toMatch(/QEMU 7.2.22 loses guest writes .*fixed in QEMU 9.0/);
    expect(unsafeForMigration("8.2.2", "tcg")).not.toBeNull();
    expect(unsafeForMigration("9.0.0", "tcg")).toBeNull();
    expect(unsafeForMigration("10.0.2", "tcg")).toBeNull();
    expect(unsafeForMigration("7.2.22", "kvm")).toBeNull();
  });
});
