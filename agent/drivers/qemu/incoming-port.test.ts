import { describe, expect, it } from "vitest";
import { parseIncomingPort } from "./incoming-port";

describe("parseIncomingPort", () => {
  it("reads the port an incoming QEMU says it listens on", () => {
    const answer = { "socket-address": [{ port: "46319", ipv4: true, host: "127.0.0.1", type: "inet" }] };
    expect(parseIncomingPort(answer)).toBe(46319);
  });

  it("refuses an answer without one", () => {
    expect(() => parseIncomingPort({ status: "active" })).toThrow(/did not say which port/);
    expect(() => parseIncomingPort({ "socket-address": [{ type: "unix", path: "/x" }] })).toThrow();
    expect(() =>
      parseIncomingPort({ "socket-address": [{ type: "inet", host: "::", port: "0" }] }),
    ).toThrow();
  });
});
