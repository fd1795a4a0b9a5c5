/**
 * A pure function of a short string, remembered: the normalisations of criterion titles run for
 * every criterion on every version of a document, and the titles rarely change between versions.
 * Bounded: strings longer than `maxInput` are not kept, and the table is emptied when full.
 */
export function memoShort(f: (s: string) => string, maxInput = 400, maxEntries = 20_000): (s: string) => string {
  const table = new Map<string, string>();
  return (s) => {
    if (s.length > maxInput) return f(s);
    const hit = table.get(s);
    if (hit !== undefined) return hit;
    const out = f(s);
    if (table.size >= maxEntries) table.clear();
    table.set(s, out);
    return out;
  };
}
