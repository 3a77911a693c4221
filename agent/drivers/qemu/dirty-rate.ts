import { MiB } from "../../../lib/units";
import type { GuestProcess } from "./guest-process";
import { calcDirtyRate } from "./qmp-commands";
import { RecentMeasurements } from "./recent-measurements";

/**
 * The guest's dirty rate, measured by QEMU (calc-dirty-rate over one second) for the predictions.
 * A measurement stands for a while (QEMU runs one at a time). The first measurement on a QEMU
 * reads far too low (1 of 4, 10 of 16, 1 of 32 MiB/s on QEMU 10, where the
 * next ones are right): it is taken and thrown away, so a QEMU's first dry run takes two seconds.
 */

const SAMPLE_SECONDS = 1;
/**
 * QEMU's most (it takes 128 to 16384): a 256 MiB guest writing 8 MiB/s has a few dozen sampled
 * pages dirtied at fewer, and the estimate wanders by a third from one second to the next.
 */
const SAMPLE_PAGES_PER_GIB = 16384;

/** One QEMU measurement of the guest's dirty rate, in bytes per second. */
export type MeasureOnce = (guest: GuestProcess) => Promise<number>;

const calcOnce: MeasureOnce = (guest) =>
  calcDirtyRate(guest.handle.qmp, SAMPLE_SECONDS, { samplePagesPerGiB: SAMPLE_PAGES_PER_GIB }).then(
    (rate) => rate.dirtyRateMiBps * MiB,
  );

export class DirtyRateMeter {
  private readonly measurements = new RecentMeasurements<number>();
  /** QEMUs measured once already (a new QEMU, started or arrived, is a new GuestProcess). */
  private readonly warmed = new WeakSet<GuestProcess>();

  constructor(private readonly measureOnce: MeasureOnce = calcOnce) {}

  /** Bytes per second the guest dirties; measured afresh when the last measurement is old. */
  measure(name: string, guest: GuestProcess): Promise<number> {
    return this.measurements.get(name, () =>
      this.warmed.has(guest)
        ? this.measureOnce(guest)
        : this.measureOnce(guest).then(() => {
            this.warmed.add(guest);
            return this.measureOnce(guest);
          }),
    );
  }

  /** The last measurement, if any, without measuring (while QEMU is busy migrating the guest). */
  last(name: string): Promise<number> | undefined {
    return this.measurements.last(name);
  }

  forget(name: string): void {
    this.measurements.forget(name);
  }
}
