/**
 * A bounded map with a time to live per entry, least recently used first out, serialisable so a
 * host can keep it between sessions. Values must say when they were obtained (`checkedAt`). What
 * is loaded back is validated (`isValue`), never trusted. The link cache and the evidence cache
 * are this with their own value types.
 */
import type { CacheStorage } from './host';

interface Entry<V> {
  value: V;
  /** ms since the epoch */
  expires: number;
}

const FORMAT = 1;

/** The longest time to live any setting allows (`cacheTtl` is capped at 30 days). */
export const MAX_TTL_MS = 30 * 24 * 3600 * 1000;

export class TtlCache<V extends { checkedAt: number }> {
  // A Map iterates in insertion order: re-inserting on read makes the first key the least recently used.
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    readonly maxEntries: number,
    private readonly isValue: (v: unknown) => v is V,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry if it has not expired, nor (when `maxAgeMs` is given) is older than that. */
  get(key: string, now: number, maxAgeMs?: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.expires <= now) return undefined;
    if (maxAgeMs !== undefined && e.value.checkedAt + maxAgeMs <= now) return undefined;
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: value.checkedAt + ttlMs });
    this.trim();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  toJSON(): { format: number; entries: [string, Entry<V>][] } {
    return { format: FORMAT, entries: [...this.entries] };
  }

  serialize(now = Date.now()): string {
    return JSON.stringify({ format: FORMAT, entries: [...this.entries].filter(([, e]) => e.expires > now) });
  }

  /**
   * Loads entries saved by serialize(); anything malformed is dropped rather than trusted. The file
   * does not decide how long an entry lives: it expires at the latest `checkedAt + ttlMs` (the
   * configured time to live, else the longest any setting allows), and an entry checked in the
   * future is dropped.
   */
  loadJSON(text: string, now = Date.now(), ttlMs = MAX_TTL_MS): number {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return 0;
    }
    if (typeof data !== 'object' || data === null) return 0;
    const { format, entries } = data as { format?: unknown; entries?: unknown };
    if (format !== FORMAT || !Array.isArray(entries)) return 0;
    let n = 0;
    for (const item of entries) {
      if (!Array.isArray(item) || typeof item[0] !== 'string') continue;
      const e = item[1] as Partial<Entry<V>> | undefined;
      if (!e || typeof e.expires !== 'number' || !this.isValue(e.value) || !(e.value.checkedAt <= now)) continue;
      const expires = Math.min(e.expires, e.value.checkedAt + Math.min(ttlMs, MAX_TTL_MS));
      if (!(expires > now)) continue;
      this.entries.set(item[0], { value: e.value, expires });
      n++;
    }
    this.trim();
    return n;
  }

  async load(storage: CacheStorage, now = Date.now(), ttlMs = MAX_TTL_MS): Promise<number> {
    const text = await storage.load();
    return text === undefined ? 0 : this.loadJSON(text, now, ttlMs);
  }

  async save(storage: CacheStorage, now = Date.now()): Promise<void> {
    await storage.save(this.serialize(now));
  }

  private trim(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
