/**
 * Remembers the nonces of accepted peer requests for as long as their timestamps could still pass
 * the freshness check, so a captured request cannot be sent again. In memory: after a restart a
 * request up to 5 minutes old could be replayed once, which the peer protocol tolerates (every peer
 * call is idempotent or refused in the wrong phase).
 */
export class ReplayGuard {
  /** nonce -> when it may be forgotten (ms); Map keeps insertion order, so oldest first. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly rememberMs: number,
    private readonly capacity = 100_000,
  ) {}

  /** `fresh` the first time a nonce is offered (and records it), `replayed` after; `full` refuses. */
  offer(nonce: string, now = Date.now()): "fresh" | "replayed" | "full" {
    this.forgetExpired(now);
    if (this.seen.has(nonce)) return "replayed";
    // Only verified requests get here, so the cap is a backstop peers do not reach; forgetting a
    // nonce early instead would let its request be replayed.
    if (this.seen.size >= this.capacity) return "full";
    this.seen.set(nonce, now + this.rememberMs);
    return "fresh";
  }

  private forgetExpired(now: number): void {
    for (const [nonce, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(nonce);
    }
  }
}
