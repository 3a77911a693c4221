import { describe, expect, it } from "vitest";
import { ReplayGuard } from "./replay-guard";

describe("ReplayGuard", () => {
  it("accepts a nonce once, and again only after it could no longer pass the freshness check", () => {
    const guard = new ReplayGuard(1000);
    expect(guard.offer("a", 0)).toBe("fresh");
    expect(guard.offer("a", 999)).toBe("replayed");
    expect(guard.offer("b", 500)).toBe("fresh");
    expect(guard.offer("a", 1000)).toBe("fresh");
    expect(guard.offer("b", 1400)).toBe("replayed");
  });

  it("refuses new nonces when full rather than forgetting one early", () => {
    const guard = new ReplayGuard(1000, 2);
    expect(guard.offer("a", 0)).toBe("fresh");
    expect(guard.offer("b", 0)).toBe("fresh");
    expect(guard.offer("c", 10)).toBe("full");
    expect(guard.offer("a", 10)).toBe("replayed");
    expect(guard.offer("c", 1000)).toBe("fresh");
  });
});
