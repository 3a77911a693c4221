import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { QmpClient, QmpError } from "../../agent/drivers/qemu/qmp-client";
import { queryMigrate, queryStatus } from "../../agent/drivers/qemu/qmp-commands";
import { IMAGE_TIMEOUT_MS, QemuFleet, qemuAndGuest } from "./qemu-harness";

// The QMP client against a real QEMU: answers, errors, events, timeouts and the socket's end.
describe("QMP client", () => {
  const fleet = new QemuFleet();
  beforeAll(() => qemuAndGuest(), IMAGE_TIMEOUT_MS);
  afterEach(() => fleet.cleanup());

  it("negotiates past the greeting and answers queries", async () => {
    const qemu = await fleet.launch("qmp-basics");
    expect(await queryStatus(qemu.qmp)).toEqual({ status: "running", running: true });
    expect((await queryMigrate(qemu.qmp)).status).toBe("none");
    const version = await qemu.qmp.execute<{ qemu: { major: number } }>("query-version");
    expect(version.qemu.major).toBeGreaterThanOrEqual(7);
  });

  it("throws QEMU's refusals as QmpError with their class and description", async () => {
    const qemu = await fleet.launch("qmp-errors");
    const unknown = await qemu.qmp.execute("no-such-command").catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(QmpError);
    expect(unknown).toMatchObject({ class: "CommandNotFound", command: "no-such-command" });
    const badArgument = await qemu.qmp.execute("calc-dirty-rate", { "calc-time": "soon" }).catch((e) => e);
    expect(badArgument).toMatchObject({ class: "GenericError" });
    expect((badArgument as QmpError).desc).toMatch(/calc-time/);
    // The connection stays usable after a refusal.
    expect((await queryStatus(qemu.qmp)).running).toBe(true);
  });

  it("passes events on to listeners until they unsubscribe", async () => {
    const qemu = await fleet.launch("qmp-events");
    const seen: string[] = [];
    const unsubscribe = qemu.qmp.onEvent((event) => seen.push(event.event));
    await qemu.qmp.execute("stop");
    await qemu.qmp.execute("cont");
    await expect.poll(() => seen).toEqual(["STOP", "RESUME"]);
    unsubscribe();
    await qemu.qmp.execute("stop");
    await qemu.qmp.execute("query-status"); // the STOP event comes before this answer
    expect(seen).toEqual(["STOP", "RESUME"]);
  });

  it("gives up on a command a frozen QEMU does not answer", async () => {
    const qemu = await fleet.launch("qmp-frozen");
    process.kill(qemu.pid, "SIGSTOP");
    try {
      const started = Date.now();
      const answer = qemu.qmp.execute("query-status", undefined, { timeoutMs: 500 });
      await expect(answer).rejects.toThrow(/query-status got no answer within 500 ms/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      process.kill(qemu.pid, "SIGCONT");
    }
    // A late answer to the abandoned command does not confuse the next one.
    expect((await queryStatus(qemu.qmp)).running).toBe(true);
  });

  it("tells a second client that QEMU serves one client at a time", async () => {
    const qemu = await fleet.launch("qmp-second");
    const second = QmpClient.connect(`${qemu.runDir}/qmp.sock`, { timeoutMs: 1_000 });
    await expect(second).rejects.toThrow(/no QMP greeting .* another client connected/);
  });

  it("resolves closed and fails commands when QEMU ends", async () => {
    const qemu = await fleet.launch("qmp-quit");
    await qemu.qmp.execute("quit");
    await qemu.qmp.closed;
    await qemu.exited;
    await expect(qemu.qmp.execute("query-status")).rejects.toThrow(/QMP connection to .* closed/);
  });

  it("fails a waiting command when QEMU is killed under it", async () => {
    const qemu = await fleet.launch("qmp-killed");
    process.kill(qemu.pid, "SIGSTOP");
    const pending = qemu.qmp.execute("query-status");
    process.kill(qemu.pid, "SIGKILL");
    await expect(pending).rejects.toThrow(/query-status was not answered: QMP connection to .* closed/);
    await qemu.exited;
  });
});
