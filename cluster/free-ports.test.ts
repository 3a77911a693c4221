import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePorts, isAddressInUse, RANDOM_END, RANDOM_FIRST } from "./free-ports";

const held: Server[] = [];

function hold(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      held.push(server);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : -1);
    });
  });
}

afterEach(async () => {
  await Promise.all(held.splice(0).map((server) => new Promise((done) => server.close(done))));
});

describe("findFreePorts", () => {
  it("picks any free ports below the ephemeral range, never from it", async () => {
    for (let i = 0; i < 5; i++) {
      const ports = await findFreePorts("127.0.0.1", 0, 3);
      expect(ports).toHaveLength(3);
      expect(ports[1]).toBe((ports[0] ?? 0) + 1);
      expect(ports[0]).toBeGreaterThanOrEqual(RANDOM_FIRST);
      expect(ports[2]).toBeLessThan(RANDOM_END);
    }
  });

  it("gives ports that can be bound", async () => {
    const ports = await findFreePorts("127.0.0.1", 0, 2);
    for (const port of ports) expect(await hold(port)).toBe(port);
  });

  it("skips a taken port from a base", async () => {
    const [base = 0] = await findFreePorts("127.0.0.1", 0, 3);
    await hold(base + 1);
    const ports = await findFreePorts("127.0.0.1", base, 2);
    expect(ports[0]).toBeGreaterThan(base + 1);
    expect(ports[1]).toBe((ports[0] ?? 0) + 1);
  });
});

describe("isAddressInUse", () => {
  it("recognises an agent that could not listen", () => {
    expect(
      isAddressInUse(
        new Error("agent h1 exited during start:\nError: listen EADDRINUSE: address already in use"),
      ),
    ).toBe(true);
    expect(isAddressInUse(new Error("agent h1 did not answer /healthz within 30000 ms"))).toBe(false);
    expect(isAddressInUse("EADDRINUSE")).toBe(false);
  });
});
