import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

/** A load the test finishes by hand, counting how often it was started. */
function manualLoad() {
  const pending: { resolve(value: number): void; reject(error: Error): void }[] = [];
  const load = () =>
    new Promise<number>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { load, pending };
}

const tick = () => new Promise((done) => setTimeout(done, 0));

describe("coalesce", () => {
  it("shares one load in flight among every caller", async () => {
    const { load, pending } = manualLoad();
    const shared = coalesce(load, { maxAgeMs: 100, now: () => 0 });
    const first = shared.get();
    const second = shared.get();
    await tick();
    expect(pending).toHaveLength(1);
    pending[0]?.resolve(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
  });

  it("serves the result while it is fresh, counted from the load's start, then loads again", async () => {
    let clock = 0;
    const { load, pending } = manualLoad();
    const shared = coalesce(load, { maxAgeMs: 100, now: () => clock });
    const first = shared.get();
    await tick();
    clock = 60; // the load took 60 ms
    pending[0]?.resolve(1);
    await first;
    clock = 100;
    expect(shared.peek()).toBe(1);
    expect(await shared.get()).toBe(1);
    expect(pending).toHaveLength(1);
    clock = 101;
    expect(shared.peek()).toBeUndefined();
    const next = shared.get();
    await tick();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(2);
    expect(await next).toBe(2);
  });

  it("keeps no failure: every waiting caller sees it, the next caller starts over", async () => {
    const { load, pending } = manualLoad();
    const shared = coalesce(load, { maxAgeMs: 1000, now: () => 0 });
    const first = shared.get();
    const second = shared.get();
    await tick();
    pending[0]?.reject(new Error("database down"));
    await expect(first).rejects.toThrow("database down");
    await expect(second).rejects.toThrow("database down");
    const retry = shared.get();
    await tick();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(3);
    expect(await retry).toBe(3);
  });

  it("starts afresh after invalidate, and the older load never overwrites the newer result", async () => {
    const { load, pending } = manualLoad();
    const shared = coalesce(load, { maxAgeMs: 1000, now: () => 0 });
    const before = shared.get();
    await tick();
    shared.invalidate();
    const after = shared.get();
    await tick();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(2);
    expect(await after).toBe(2);
    pending[0]?.resolve(1); // the round from before the action ends last
    expect(await before).toBe(1);
    expect(shared.peek()).toBe(2);
    expect(await shared.get()).toBe(2);
  });

  it("lets a caller accept an older result than the default", async () => {
    let clock = 0;
    const { load, pending } = manualLoad();
    const shared = coalesce(load, { maxAgeMs: 100, now: () => clock });
    const first = shared.get();
    await tick();
    pending[0]?.resolve(1);
    await first;
    clock = 3000;
    expect(shared.peek()).toBeUndefined();
    expect(shared.peek(5000)).toBe(1);
    expect(await shared.get(5000)).toBe(1);
    expect(pending).toHaveLength(1);
  });
});
