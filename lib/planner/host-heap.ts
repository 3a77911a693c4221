/**
 * A max-heap of hosts by a key (how far out of balance they are). Keys go stale as other moves
 * shift the mean; the planner re-reads a host's key when it pops it and pushes it back if it fell.
 */
export class HostHeap {
  private readonly keys: number[] = [];
  private readonly hosts: number[] = [];

  get size(): number {
    return this.hosts.length;
  }

  push(host: number, key: number): void {
    this.keys.push(key);
    this.hosts.push(host);
    let i = this.hosts.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] ?? 0) >= key) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { host: number; key: number } | undefined {
    const top = this.hosts[0];
    const key = this.keys[0];
    if (top === undefined || key === undefined) return undefined;
    const lastHost = this.hosts.pop() ?? 0;
    const lastKey = this.keys.pop() ?? 0;
    if (this.hosts.length > 0) {
      this.hosts[0] = lastHost;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < this.keys.length && (this.keys[left] ?? 0) > (this.keys[largest] ?? 0)) largest = left;
        if (right < this.keys.length && (this.keys[right] ?? 0) > (this.keys[largest] ?? 0)) largest = right;
        if (largest === i) break;
        this.swap(i, largest);
        i = largest;
      }
    }
    return { host: top, key };
  }

  private swap(a: number, b: number): void {
    const key = this.keys[a] ?? 0;
    this.keys[a] = this.keys[b] ?? 0;
    this.keys[b] = key;
    const host = this.hosts[a] ?? 0;
    this.hosts[a] = this.hosts[b] ?? 0;
    this.hosts[b] = host;
  }
}
