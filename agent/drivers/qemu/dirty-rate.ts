import { MiB } from "../../../lib/units";
import type { GuestProcess } from "./guest-process";
import { calcDirtyRate } from "./qmp-commands";

/**
 * The guest's dirty rate, measured by QEMU (calc-dirty-rate over one second) for the predictions.
 * A dry run is asked for on every change of the migrate dialog, so a measurement serves for a while,
 * and callers asking during one share it (QEMU runs one measurement at a time). The first
 * measurement on a QEMU reads far too low (1 of 4, 10 of 16, 1 of 32 MiB/s on QEMU 10, where the
 * next ones are right): it is taken and thrown away, so a QEMU's first dry run takes two seconds.
 */

/** How long a measurement stands for the guest's behaviour. */
const MAX_AGE_MS = 15_000;
const SAMPLE_SECONDS = 1;
/**
 * QEMU's most (it takes 128 to 16384): a 256 MiB guest writing 8 MiB/s has a few dozen sampled
 * pages dirtied at fewer, and the estimate wanders by a third from one second to the next.
 */
const SAMPLE_PAGES_PER_GIB = 16384;

interface Measurement {
  at: number;
  bytesPerSec: Promise<number>;
}

/** One QEMU measurement of the guest's dirty rate, in bytes per second. */
export type MeasureOnce = (guest: GuestProcess) => Promise<number>;

const calcOnce: MeasureOnce = (guest) =>
  calcDirtyRate(guest.handle.qmp, SAMPLE_SECONDS, { samplePagesPerGiB: SAMPLE_PAGES_PER_GIB }).then(
    (rate) => rate.dirtyRateMiBps * MiB,
  );

export class DirtyRateMeter {
  private readonly measurements = new Map<string, Measurement>();
  /** QEMUs measured once already (a new QEMU, started or arrived, is a new GuestProcess). */
  private readonly warmed = new WeakSet<GuestProcess>();

  constructor(private readonly measureOnce: MeasureOnce = calcOnce) {}

  /** Bytes per second the guest dirties; measured afresh when the last measurement is old. */
  measure(name: string, guest: GuestProcess): Promise<number> {
    const last = this.measurements.get(name);
    if (last && Date.now() - last.at < MAX_AGE_MS) return last.bytesPerSec;
    const bytesPerSec = this.warmed.has(guest)
      ? this.measureOnce(guest)
      : this.measureOnce(guest).then(() => {
          this.warmed.add(guest);
          return this.measureOnce(guest);
        });
    const measurement = { at: Date.now(), bytesPerSec };
    this.measurements.set(name, measurement);
    // A failed measurement is not kept: the next caller tries again.
    bytesPerSec.catch(() => {
      if (this.measurements.get(name) === measurement) this.measurements.delete(name);
    });
    return bytesPerSec;
  }

  /** The last measurement, if any, without measuring (while QEMU is busy migrating the guest). */
  last(name: string): Promise<number> | undefined {
    return this.measurements.get(name)?.bytesPerSec;
  }

  forget(name: string): void {
    this.measurements.delete(name);
  }
}
