/** The `count` best of `items` by `score` (lowest first), without sorting them all; ties by item. */
export function lowest(items: readonly number[], score: (item: number) => number, count = 3): number[] {
  const best: { item: number; score: number }[] = [];
  for (const item of items) {
    const value = score(item);
    if (!Number.isFinite(value)) continue;
    if (best.length === count) {
      const worst = best[best.length - 1];
      if (worst && (value > worst.score || (value === worst.score && item > worst.item))) continue;
    }
    let at = best.length;
    while (at > 0) {
      const previous = best[at - 1];
      if (!previous || previous.score < value || (previous.score === value && previous.item < item)) break;
      at--;
    }
    best.splice(at, 0, { item, score: value });
    if (best.length > count) best.pop();
  }
  return best.map(({ item }) => item);
}
