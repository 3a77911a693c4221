import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { isPortTaken, parseIncomingPort, pickPort } from "./incoming-port";

describe("parseIncomingPort", () => {
  it("reads the port an incoming QEMU says it listens on", () => {
    const answer = { "socket-address": [{ port: "46319", ipv4: true, host: "127.0.0.1", type: "inet" }] };
    expect(parseIncomingPort(answer)).toBe(46319);
  });

  it("refuses an answer without one", () => {
    expect(() => parseIncomingPort({ status: "active" })).toThrow(/did not say which port/);
    expect(() => parseIncomingPort({ "socket-address": [{ type: "unix", path: "/x" }] })).toThrow();
  });
});

describe("pickPort", () => {
  it("gives a port that can then be listened on", async () => {
    const port = await pickPort("127.0.0.1");
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it("knows QEMU's complaint about a taken port", () => {
    expect(
      isPortTaken(new Error("QEMU for g1 did not start: Failed to bind socket: Address already in use")),
    ).toBe(true);
    expect(isPortTaken(new Error("QEMU for g1 did not start: QEMU exited with status 1"))).toBe(false);
  });
});
