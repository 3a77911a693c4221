import type { Phase } from "./schemas/migration";

/**
 * Migration progress, 0-100, that never runs backwards (a common complaint when later pre-copy
 * rounds re-send data). Each phase owns a band; within the transfer band the estimate is the bytes
 * sent over the bytes it should take in all, the larger of the prediction and what is now known.
 */

const BANDS: Record<Phase, [number, number]> = {
  precheck: [0, 1],
  prepare: [1, 3],
  transfer: [3, 95],
  suspend: [95, 99],
  handoff: [99, 99],
  completed: [100, 100],
  failed: [0, 100],
  cancelled: [0, 100],
  "needs-attention": [99, 99],
};

export interface ProgressSample {
  phase: Phase;
  transferredBytes: number;
  remainingBytes: number;
  /** The bytes the whole transfer is expected to send (the prediction), if known. */
  expectedTotalBytes?: number;
}

export function rawProgress(sample: ProgressSample): number {
  const [low, high] = BANDS[sample.phase];
  if (sample.phase !== "transfer" && sample.phase !== "suspend") return low;
  const known = sample.transferredBytes + sample.remainingBytes;
  const total = Math.max(known, sample.expectedTotalBytes ?? 0);
  const fraction = total > 0 ? sample.transferredBytes / total : 0;
  return low + (high - low) * Math.min(1, Math.max(0, fraction));
}

export class ProgressTracker {
  private value: number;

  constructor(initial = 0) {
    this.value = initial;
  }

  /** Folds in a new sample; final phases other than completed keep the last value. */
  update(sample: ProgressSample): number {
    if (sample.phase === "failed" || sample.phase === "cancelled") return this.value;
    this.value = Math.max(this.value, Math.floor(rawProgress(sample)));
    return this.value;
  }

  get current(): number {
    return this.value;
  }
}
