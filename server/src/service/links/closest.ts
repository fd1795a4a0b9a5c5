/** Suggestions for what a broken link probably meant. */

/** Levenshtein distance, bounded: returns max+1 as soon as the distance is known to exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate nearest to `wanted`, if it is near enough to be a typo of it rather than another
 * thing: a case-only difference wins, then the smallest edit distance within about a third of the
 * length.
 */
export function closest(wanted: string, candidates: Iterable<string>, ratio = 0.34): string | undefined {
  const lower = wanted.toLowerCase();
  const max = Math.max(2, Math.floor(wanted.length * ratio));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    if (c === wanted) return c;
    if (c.toLowerCase() === lower) return c;
    const d = editDistance(lower, c.toLowerCase(), bestD - 1);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * The nearest existing path to a missing one: the same directory is tried first (a misspelt
 * file name), then the whole tree (a misspelt directory).
 */
export function closestPath(wanted: string, paths: readonly string[]): string | undefined {
  const slash = wanted.lastIndexOf('/');
  const dir = slash >= 0 ? wanted.slice(0, slash + 1) : '';
  const sameDir = paths.filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/'));
  const inDir = closest(wanted.slice(dir.length), sameDir.map((p) => p.slice(dir.length)));
  if (inDir !== undefined) return dir + inDir;
  return closest(wanted, paths, 0.25);
}
