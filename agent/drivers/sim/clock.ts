import { setTimeout as sleep } from "node:timers/promises";

/**
 * Simulated time. The pre-copy engine thinks in simulated seconds; a real clock maps them onto
 * wall time divided by the time scale (tests run fast, the demo runs at 1), a virtual clock lets
 * the benchmark run the engine with no waiting at all.
 */
export interface SimClock {
  /** Simulated seconds since the clock started. */
  now(): number;
  /** Real milliseconds since the clock started (always 0 for a virtual clock). */
  realMs(): number;
  /** Simulated seconds per real second. */
  readonly timeScale: number;
  sleepUntil(simSeconds: number, signal?: AbortSignal): Promise<void>;
}

export class RealClock implements SimClock {
  private readonly origin = performance.now();

  constructor(readonly timeScale: number) {}

  now(): number {
    return ((performance.now() - this.origin) / 1000) * this.timeScale;
  }

  realMs(): number {
    return performance.now() - this.origin;
  }

  async sleepUntil(simSeconds: number, signal?: AbortSignal): Promise<void> {
    const waitMs = ((simSeconds - this.now()) / this.timeScale) * 1000;
    if (waitMs >= 1) await sleep(waitMs, undefined, { signal });
  }
}

export class VirtualClock implements SimClock {
  readonly timeScale = Number.POSITIVE_INFINITY;
  private time = 0;

  realMs(): number {
    return 0;
  }

  now(): number {
    return this.time;
  }

  async sleepUntil(simSeconds: number): Promise<void> {
    this.time = Math.max(this.time, simSeconds);
  }
}
