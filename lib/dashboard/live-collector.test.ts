import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The collector asks the agents through live-cluster.ts; here that is a fake that records the calls.
const liveHosts = vi.fn<(maxAgeMs?: number) => Promise<unknown>>();
vi.mock("server-only", () => ({}));
vi.mock("./live-cluster", () => ({ liveHosts: (maxAgeMs?: number) => liveHosts(maxAgeMs) }));

const { startCollector } = await import("./live-collector");
const { COLLECT_EVERY_MS } = await import("./live-ages");

describe("startCollector", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    liveHosts.mockReset();
    delete (globalThis as { ballastCollector?: unknown }).ballastCollector;
  });
  afterEach(() => {
    const state = globalThis as { ballastCollector?: { timer: NodeJS.Timeout } };
    if (state.ballastCollector) clearInterval(state.ballastCollector.timer);
    vi.useRealTimers();
  });

  it("asks for a hosts round no older than COLLECT_EVERY_MS, without a page asking", async () => {
    liveHosts.mockResolvedValue({});
    startCollector();
    await vi.advanceTimersByTimeAsync(1000);
    expect(liveHosts).toHaveBeenCalled();
    expect(liveHosts.mock.calls.every(([maxAgeMs]) => maxAgeMs === COLLECT_EVERY_MS)).toBe(true);
  });

  it("never asks again while a round is still on its way", async () => {
    let answer: (value: unknown) => void = () => {};
    liveHosts.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    startCollector();
    await vi.advanceTimersByTimeAsync(5000);
    expect(liveHosts).toHaveBeenCalledTimes(1);
    answer({});
    await vi.advanceTimersByTimeAsync(500);
    expect(liveHosts.mock.calls.length).toBeGreaterThan(1);
  });

  it("goes on after a failed round, and starts once however often it is started", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    liveHosts.mockRejectedValueOnce(new Error("database is locked")).mockResolvedValue({});
    startCollector();
    startCollector();
    await vi.advanceTimersByTimeAsync(600);
    expect(logged).toHaveBeenCalledWith("collector: could not ask the agents:", "database is locked");
    expect(liveHosts.mock.calls.length).toBeGreaterThan(1);
    // Two starts, one timer: at most one call per 250 ms tick.
    expect(liveHosts.mock.calls.length).toBeLessThanOrEqual(3);
    logged.mockRestore();
  });
});
