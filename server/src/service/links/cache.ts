/**
 * Results of network checks keyed by URL (fragment excluded), with a TTL, shared by all
 * documents. Serialisable so the host can keep it across sessions; it holds what servers
 * answered, never credentials.
 */
import type { CacheStorage, ResourceResult } from './types';

interface Entry {
  value: ResourceResult;
  /** ms since the epoch */
  expires: number;
}

const FORMAT = 1;

export class LinkCache {
  // A Map iterates in insertion order: re-inserting on read makes the first key the least recently used.
  private readonly entries = new Map<string, Entry>();

  constructor(readonly maxEntries = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now: number): ResourceResult | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.expires <= now) return undefined;
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: ResourceResult, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: value.checkedAt + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  toJSON(): { format: number; entries: [string, Entry][] } {
    return { format: FORMAT, entries: [...this.entries] };
  }

  serialize(now = Date.now()): string {
    const live = [...this.entries].filter(([, e]) => e.expires > now);
    return JSON.stringify({ format: FORMAT, entries: live });
  }

  /** Loads entries saved by serialize(); anything malformed is dropped rather than trusted. */
  loadJSON(text: string, now = Date.now()): number {
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
      const e = item[1] as Partial<Entry> | undefined;
      if (!e || typeof e.expires !== 'number' || e.expires <= now || !isResult(e.value)) continue;
      this.entries.set(item[0], { value: e.value, expires: e.expires });
      n++;
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return n;
  }

  async load(storage: CacheStorage, now = Date.now()): Promise<number> {
    const text = await storage.load();
    return text === undefined ? 0 : this.loadJSON(text, now);
  }

  async save(storage: CacheStorage, now = Date.now()): Promise<void> {
    await storage.save(this.serialize(now));
  }
}

function isResult(v: unknown): v is ResourceResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<ResourceResult>;
  return typeof r.checkedAt === 'number' && Array.isArray(r.problems) && r.problems.every((p) => typeof p?.code === 'string' && typeof p.message === 'string');
}
