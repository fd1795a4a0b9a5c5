/**
 * The one binary search: over an array sorted so that `before` holds for a prefix of it and not
 * after, the length of that prefix (C++'s `partition_point`). "The last item starting at or
 * before x" is `partitionPoint(items, (i) => i.start <= x) - 1`; "the first after x" is the
 * item at `partitionPoint(items, (i) => i <= x)`.
 */
export function partitionPoint<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (before(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
