/**
 * One bit per guest page: the simulated hypervisor's log-dirty mode. Pre-copy reads and clears it
 * at the start of each round and sends the pages it found.
 */
export class DirtyBitmap {
  readonly pages: number;
  private bits: Uint8Array;
  private count = 0;

  constructor(pages: number) {
    this.pages = pages;
    this.bits = new Uint8Array(Math.ceil(pages / 8));
  }

  get dirtyCount(): number {
    return this.count;
  }

  mark(page: number): void {
    if (page < 0 || page >= this.pages)
      throw new RangeError(`page ${page} outside guest memory of ${this.pages} pages`);
    const byte = page >>> 3;
    const mask = 1 << (page & 7);
    const current = this.bits[byte] ?? 0;
    if ((current & mask) === 0) {
      this.bits[byte] = current | mask;
      this.count++;
    }
  }

  /** Marks `count` consecutive pages from `start`. */
  markRange(start: number, count: number): void {
    for (let page = start, left = count; left > 0; left--, page++) this.mark(page);
  }

  isSet(page: number): boolean {
    return ((this.bits[page >>> 3] ?? 0) & (1 << (page & 7))) !== 0;
  }

  setAll(): void {
    this.bits.fill(0xff);
    const spare = this.bits.length * 8 - this.pages;
    if (spare > 0) this.bits[this.bits.length - 1] = 0xff >>> spare;
    this.count = this.pages;
  }

  /** Returns the dirty pages as [start, count] runs and clears the map (peek-and-clear). */
  takeRuns(): [number, number][] {
    const runs: [number, number][] = [];
    let runStart = -1;
    for (let byte = 0; byte < this.bits.length; byte++) {
      const value = this.bits[byte] ?? 0;
      if (value === 0 && runStart < 0) continue;
      if (value === 0xff && runStart >= 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        const page = byte * 8 + bit;
        if (page >= this.pages) break;
        const set = (value & (1 << bit)) !== 0;
        if (set && runStart < 0) runStart = page;
        else if (!set && runStart >= 0) {
          runs.push([runStart, page - runStart]);
          runStart = -1;
        }
      }
    }
    if (runStart >= 0) runs.push([runStart, this.pages - runStart]);
    this.bits.fill(0);
    this.count = 0;
    return runs;
  }
}
