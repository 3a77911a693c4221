/**
 * Measurements of a guest that stand for a while. A dry run is asked for on every change of the
 * migrate dialog, so callers within `maxAgeMs` share one measurement, also while it runs; a
 * failed measurement is not kept, so the next caller tries again.
 */
/** How long a measurement stands for the guest's behaviour. */
export const MEASUREMENT_MAX_AGE_MS = 15_000;

export class RecentMeasurements<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(private readonly maxAgeMs = MEASUREMENT_MAX_AGE_MS) {}

  get(key: string, measure: () => Promise<T>): Promise<T> {
    const last = this.entries.get(key);
    if (last && Date.now() - last.at < this.maxAgeMs) return last.value;
    const entry = { at: Date.now(), value: measure() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  /** The last measurement, whatever its age, without measuring. */
  last(key: string): Promise<T> | undefined {
    return this.entries.get(key)?.value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
