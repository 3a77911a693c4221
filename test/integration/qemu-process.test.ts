import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { guestWorkloadArgs } from "../../agent/drivers/qemu/guest-image";
import { attachQemu, launchQemu } from "../../agent/drivers/qemu/qemu-process";
import { runDirFiles } from "../../agent/drivers/qemu/qemu-run-dir";
import { queryStatus } from "../../agent/drivers/qemu/qmp-commands";
import {
  heartbeats,
  IMAGE_TIMEOUT_MS,
  QemuFleet,
  qemuAndGuest,
  serialLog,
  waitForGuestReady,
} from "./qemu-harness";

const run = promisify(execFile);

// QEMU processes that outlive whoever started them, and are found again from their run directory.
describe("QEMU processes", () => {
  const fleet = new QemuFleet();
  beforeAll(() => qemuAndGuest(), IMAGE_TIMEOUT_MS);
  afterEach(() => fleet.cleanup());

  it("boots the tiny guest to its workload, with the rates asked for", async () => {
    const started = Date.now();
    const qemu = await fleet.launch("boot", {
      append: guestWorkloadArgs({ dirtyMiBps: 4, wssMiB: 32, heartbeatSeconds: 1 }),
    });
    const qmpUpMs = Date.now() - started;
    const readyMs = qmpUpMs + (await waitForGuestReady(qemu));
    console.log(`QEMU answered QMP after ${qmpUpMs} ms; the guest's workload ran after ${readyMs} ms`);
    expect(await serialLog(qemu)).toContain("ballast-guest: ready dirty_mibps=4 wss_mib=32");
    await expect.poll(() => heartbeats(qemu), { timeout: 10_000 }).toHaveLength(2);
    const [beat] = await heartbeats(qemu);
    expect(beat?.mismatches).toBe(0);
  });

  it("keeps the guest running when the process that launched it exits, and attaches to it", async () => {
    const image = await qemuAndGuest();
    const runDir = await fleet.runDir("orphan");
    const module = new URL("../../agent/drivers/qemu/qemu-process.ts", import.meta.url).pathname;
    // A short-lived agent: launches QEMU, prints its pid and exits without stopping it.
    const script = `import { launchQemu } from ${JSON.stringify(module)};
      const qemu = await launchQemu(JSON.parse(process.argv[1]));
      console.log(qemu.pid);
      process.exit(0);`;
    const launch = { name: "orphan", runDir, memoryMiB: 128, vcpus: 1, image };
    const { stdout } = await run(process.execPath, [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
      JSON.stringify(launch),
    ]);

    const qemu = await attachQemu(runDir);
    expect(qemu).not.toBeNull();
    if (!qemu) return;
    fleet.track(qemu);
    expect(qemu.pid).toBe(Number(stdout.trim()));
    expect((await queryStatus(qemu.qmp)).running).toBe(true);
    await waitForGuestReady(qemu);
  });

  it("attaches again after the first handle lets go, and finds nothing once QEMU was stopped", async () => {
    const first = await fleet.launch("reattach", { memoryMiB: 128 });
    first.detach();
    const second = await attachQemu(first.runDir);
    expect(second?.pid).toBe(first.pid);
    if (!second) return;
    expect((await queryStatus(second.qmp)).running).toBe(true);

    await second.stop();
    await second.exited;
    await first.exited; // the launching handle sees the same end
    expect(await attachQemu(first.runDir)).toBeNull();
  });

  it("clears what a killed QEMU left behind and reports it gone", async () => {
    const qemu = await fleet.launch("killed", { memoryMiB: 128 });
    const files = runDirFiles(qemu.runDir);
    process.kill(qemu.pid, "SIGKILL");
    await qemu.exited;
    expect(existsSync(files.pidFile)).toBe(true); // QEMU had no chance to remove it

    expect(await attachQemu(qemu.runDir)).toBeNull();
    expect(existsSync(files.pidFile)).toBe(false);
    expect(existsSync(files.qmpSocket)).toBe(false);
    expect(existsSync(files.serialLog)).toBe(true); // logs stay for whoever wants to know why
  });

  it("refuses a second QEMU in a run directory that has one", async () => {
    const qemu = await fleet.launch("taken", { memoryMiB: 128 });
    const image = await qemuAndGuest();
    const again = launchQemu({ name: "taken", runDir: qemu.runDir, memoryMiB: 128, vcpus: 1, image });
    await expect(again).rejects.toThrow(new RegExp(`a QEMU \\(pid ${qemu.pid}\\) already runs`));
    expect((await queryStatus(qemu.qmp)).running).toBe(true);
  });

  it("says why QEMU did not start, in QEMU's own words", async () => {
    const image = await qemuAndGuest();
    const broken = fleet.launch("broken", { image: { ...image, kernel: "/nonexistent/vmlinuz" } });
    await expect(broken).rejects.toThrow(
      /QEMU for broken did not start: QEMU exited with status 1\n.*\/nonexistent\/vmlinuz/,
    );
  });

  it("stops a QEMU that does not answer, and stopping twice is stopping once", async () => {
    const qemu = await fleet.launch("stuck", { memoryMiB: 128 });
    process.kill(qemu.pid, "SIGSTOP"); // neither quit nor SIGTERM get through: only SIGKILL does
    const stopping = qemu.stop();
    expect(qemu.stop()).toBe(stopping);
    await stopping;
    await qemu.exited;
    expect(await attachQemu(qemu.runDir)).toBeNull();
  }, 20_000);
});
