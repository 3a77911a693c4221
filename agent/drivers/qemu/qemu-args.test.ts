import { describe, expect, it } from "vitest";
import { qemuArgs } from "./qemu-args";

const launch = {
  name: "web-1",
  runDir: "/run/ballast/web-1",
  memoryMiB: 256,
  vcpus: 1,
  image: { kernel: "/cache/vmlinuz", initrd: "/cache/initrd.cpio" },
};

function option(args: string[], name: string) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

describe("qemuArgs", () => {
  it("keeps everything of the domain in its run directory and reachable over QMP", () => {
    const args = qemuArgs(launch);
    expect(option(args, "-qmp")).toBe("unix:/run/ballast/web-1/qmp.sock,server=on,wait=off");
    expect(option(args, "-pidfile")).toBe("/run/ballast/web-1/qemu.pid");
    expect(option(args, "-serial")).toBe("file:/run/ballast/web-1/serial.log");
    expect(option(args, "-m")).toBe("256M");
    expect(option(args, "-incoming")).toBeUndefined();
  });

  it("passes the kernel arguments given, under TCG and KVM alike (no pti=on: see qemu-args.ts)", () => {
    expect(option(qemuArgs({ ...launch, append: "ballast.wss_mib=64" }), "-append")).toBe(
      "console=ttyS0 panic=-1 ballast.wss_mib=64",
    );
    const kvm = qemuArgs({ ...launch, accel: "kvm" });
    expect(option(kvm, "-accel")).toBe("kvm");
    expect(option(kvm, "-append")).toBe("console=ttyS0 panic=-1");
  });

  it("starts an incoming copy paused, listening later when deferred", () => {
    const args = qemuArgs({ ...launch, incoming: "defer", paused: true });
    expect(option(args, "-incoming")).toBe("defer");
    expect(args).toContain("-S");
    expect(qemuArgs(launch)).not.toContain("-S");
  });

  it("waits for a migration on the address given, IPv6 in brackets", () => {
    expect(option(qemuArgs({ ...launch, incoming: { host: "127.0.0.1", port: 4444 } }), "-incoming")).toBe(
      "tcp:127.0.0.1:4444",
    );
    expect(option(qemuArgs({ ...launch, incoming: { host: "::1", port: 4444 } }), "-incoming")).toBe(
      "tcp:[::1]:4444",
    );
  });

  it("escapes commas in the name, which QEMU's option syntax would split at", () => {
    expect(option(qemuArgs({ ...launch, name: "a,b" }), "-name")).toBe("guest=a,,b");
  });

  it("refuses sizes QEMU would quietly replace with its defaults", () => {
    expect(() => qemuArgs({ ...launch, memoryMiB: 0 })).toThrow(
      /memoryMiB must be a positive whole number, not 0/,
    );
    expect(() => qemuArgs({ ...launch, vcpus: 1.5 })).toThrow(/vcpus/);
    expect(() => qemuArgs({ ...launch, incoming: { host: "127.0.0.1", port: 70000 } })).toThrow(
      /not a TCP port/,
    );
  });
});
