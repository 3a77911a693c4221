/**
 * One load shared by every caller: while a load is in flight, callers join it; once it is done, its
 * result serves callers for `maxAgeMs` counted from when the load started (the data is at least that
 * old). Several browsers and tabs polling the dashboard then cost the agents one round, not one each.
 * A failed load is not kept: the next caller starts another. `invalidate()` (after an action changed
 * the cluster) makes the next caller start a fresh load; callers already waiting keep theirs, and a
 * load from before the invalidation never overwrites a newer result.
 */

export interface Coalesced<T> {
  /** `maxAgeMs` overrides the default for this caller (one that can live with an older result). */
  get(maxAgeMs?: number): Promise<T>;
  /** The last result while it is fresh, without starting a load. */
  peek(maxAgeMs?: number): T | undefined;
  invalidate(): void;
}

export interface CoalesceOptions {
  maxAgeMs: number;
  /** Milliseconds; tests pass a fake clock. */
  now?: () => number;
}

export function coalesce<T>(load: () => Promise<T>, options: CoalesceOptions): Coalesced<T> {
  const now = options.now ?? Date.now;
  let last: { value: T; startedAt: number } | undefined;
  let inFlight: Promise<T> | undefined;
  let generation = 0;

  const fresh = (maxAgeMs = options.maxAgeMs) =>
    last && now() - last.startedAt <= maxAgeMs ? last.value : undefined;

  const start = (): Promise<T> => {
    const startedAt = now();
    const mine = generation;
    const promise = Promise.resolve()
      .then(load)
      .then((value) => {
        if (mine === generation && (!last || last.startedAt <= startedAt)) last = { value, startedAt };
        return value;
      })
      .finally(() => {
        if (inFlight === promise) inFlight = undefined;
      });
    inFlight = promise;
    return promise;
  };

  return {
    get(maxAgeMs) {
      const value = fresh(maxAgeMs);
      if (value !== undefined) return Promise.resolve(value);
      return inFlight ?? start();
    },
    peek: fresh,
    invalidate() {
      generation++;
      last = undefined;
      inFlight = undefined;
    },
  };
}
