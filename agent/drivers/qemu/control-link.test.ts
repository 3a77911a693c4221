import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type ControlLink, ControlListener, openControlLink } from "./control-link";

/** The agents' control link on loopback: the secret, messages both ways, and its end. */

const open: { close(): void }[] = [];
afterEach(() => {
  for (const item of open.splice(0)) item.close();
});

async function pair(migrationId = "m1"): Promise<{ source: ControlLink; target: ControlLink }> {
  let accepted: (link: ControlLink) => void = () => {};
  const targetSide = new Promise<ControlLink>((resolve) => {
    accepted = resolve;
  });
  const listener = new ControlListener(migrationId, (link) => accepted(link));
  open.push(listener);
  const port = await listener.listen("127.0.0.1", undefined);
  const source = await openControlLink({
    host: "127.0.0.1",
    port,
    migrationId,
    secret: listener.secret,
    tls: undefined,
    timeoutMs: 2000,
  });
  const target = await targetSide;
  open.push(source, target);
  return { source, target };
}

describe("control link", () => {
  it("carries the source's reports and the target's answer", async () => {
    const { source, target } = await pair();
    const received: string[] = [];
    target.onMessage((message) => {
      received.push(message.type);
      if (message.type === "complete") target.send({ type: "result", ok: true });
    });
    source.send({ type: "suspended" });
    source.send({ type: "complete" });
    expect(await source.next(2000)).toEqual({ type: "result", ok: true });
    expect(received).toEqual(["suspended", "complete"]);
  });

  it("tells the target when the source hangs up", async () => {
    const { source, target } = await pair();
    const closed = new Promise<string>((resolve) => target.onClose(resolve));
    source.close();
    expect(await closed).toMatch(/closed/);
  });

  it("refuses a source without the migration's secret", async () => {
    const listener = new ControlListener("m2", () => {
      throw new Error("must not be accepted");
    });
    open.push(listener);
    const port = await listener.listen("127.0.0.1", undefined);
    await expect(
      openControlLink({
        host: "127.0.0.1",
        port,
        migrationId: "m2",
        secret: "x".repeat(32),
        tls: undefined,
        timeoutMs: 2000,
      }),
    ).rejects.toThrow(/closed|did not answer/);
    await expect(
      openControlLink({
        host: "127.0.0.1",
        port,
        migrationId: "other",
        secret: listener.secret,
        tls: undefined,
        timeoutMs: 2000,
      }),
    ).rejects.toThrow();
  });

  it("hangs up on what is not a control message", async () => {
    const listener = new ControlListener("m3", () => {});
    open.push(listener);
    const port = await listener.listen("127.0.0.1", undefined);
    const socket = connect({ host: "127.0.0.1", port });
    const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.on("error", () => {});
    socket.write("GET / HTTP/1.1\r\n\r\n");
    await ended;
  });
});
