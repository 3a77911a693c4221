/**
 * A fixed-size set of host indexes, 32 to a word: the compatibility index intersects these per
 * domain instead of running checks against every host. Sets are built in place where possible:
 * at 5,000 hosts each is 628 bytes off the heap, and many short-lived ones cost the collector.
 */
export class Bitset {
  readonly words: Uint32Array;

  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array(Math.ceil(size / 32));
  }

  static full(size: number): Bitset {
    const set = new Bitset(size);
    set.words.fill(0xffffffff);
    const tail = size % 32;
    if (tail !== 0) set.words[set.words.length - 1] = (1 << tail) - 1;
    return set;
  }

  static of(size: number, members: Iterable<number>): Bitset {
    const set = new Bitset(size);
    for (const member of members) set.add(member);
    return set;
  }

  clone(): Bitset {
    return new Bitset(this.size, this.words.slice());
  }

  has(index: number): boolean {
    return ((this.words[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
  }

  add(index: number): void {
    this.words[index >>> 5] = (this.words[index >>> 5] ?? 0) | (1 << (index & 31));
  }

  delete(index: number): void {
    this.words[index >>> 5] = (this.words[index >>> 5] ?? 0) & ~(1 << (index & 31));
  }

  /** In place: keeps only members also in `other`. */
  and(other: Bitset): this {
    for (let i = 0; i < this.words.length; i++) this.words[i] = (this.words[i] ?? 0) & (other.words[i] ?? 0);
    return this;
  }

  /** In place: removes the members of `other`. */
  andNot(other: Bitset): this {
    for (let i = 0; i < this.words.length; i++) this.words[i] = (this.words[i] ?? 0) & ~(other.words[i] ?? 0);
    return this;
  }

  /** In place: adds every host not in `other` (within the set's size). */
  orNot(other: Bitset): this {
    const last = this.words.length - 1;
    for (let i = 0; i <= last; i++) this.words[i] = (this.words[i] ?? 0) | ~(other.words[i] ?? 0);
    const tail = this.size % 32;
    if (tail !== 0 && last >= 0) this.words[last] = (this.words[last] ?? 0) & ((1 << tail) - 1);
    return this;
  }

  /** In place: adds the members of `a` that are not in `b`. */
  orAndNot(a: Bitset, b: Bitset): this {
    for (let i = 0; i < this.words.length; i++) {
      this.words[i] = (this.words[i] ?? 0) | ((a.words[i] ?? 0) & ~(b.words[i] ?? 0));
    }
    return this;
  }

  /** In place: becomes a copy of `other` (same size), without allocating. */
  copy(other: Bitset): this {
    this.words.set(other.words);
    return this;
  }

  or(other: Bitset): this {
    for (let i = 0; i < this.words.length; i++) this.words[i] = (this.words[i] ?? 0) | (other.words[i] ?? 0);
    return this;
  }

  count(): number {
    let total = 0;
    for (const word of this.words) total += popcount(word);
    return total;
  }

  /** How many members this set shares with `other`, without building the intersection. */
  countAnd(other: Bitset): number {
    let total = 0;
    for (let i = 0; i < this.words.length; i++)
      total += popcount((this.words[i] ?? 0) & (other.words[i] ?? 0));
    return total;
  }

  /** The smallest member shared with `other`, or -1. */
  firstAnd(other: Bitset): number {
    for (let i = 0; i < this.words.length; i++) {
      const word = (this.words[i] ?? 0) & (other.words[i] ?? 0);
      if (word !== 0) return i * 32 + (31 - Math.clz32(word & -word));
    }
    return -1;
  }

  /** Members in increasing order. */
  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.words.length; i++) {
      let word = this.words[i] ?? 0;
      while (word !== 0) {
        const low = word & -word;
        yield i * 32 + (31 - Math.clz32(low));
        word ^= low;
      }
    }
  }
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
