/**
 * Evidence per repository, with a TTL, shared by all documents and kept between sessions the way
 * the link cache is (serialised by the host into its storage folder). It holds what the APIs
 * answered, never credentials. A re-check within the TTL costs no request.
 */
import type { EvidenceItem } from '../profiles/types';
import type { CacheStorage } from '../links/types';

export interface RepoEvidence {
  /** "owner/name" as the document wrote it (the cache key ignores case) */
  repo: string;
  /** ms since the epoch */
  checkedAt: number;
  items: EvidenceItem[];
  /** set when the repository could not be examined (e.g. it does not exist) */
  error?: string;
}

interface Entry {
  value: RepoEvidence;
  expires: number;
}

const FORMAT = 1;

export class EvidenceCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly maxEntries = 2_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now: number): RepoEvidence | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: RepoEvidence, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: value.checkedAt + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  serialize(now = Date.now()): string {
    return JSON.stringify({ format: FORMAT, entries: [...this.entries].filter(([, e]) => e.expires > now) });
  }

  /** Loads what serialize() wrote; anything malformed is dropped rather than trusted. */
  loadJSON(text: string, now = Date.now()): number {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return 0;
    }
    const { format, entries } = (typeof data === 'object' && data !== null ? data : {}) as { format?: unknown; entries?: unknown };
    if (format !== FORMAT || !Array.isArray(entries)) return 0;
    let n = 0;
    for (const item of entries) {
      if (!Array.isArray(item) || typeof item[0] !== 'string') continue;
      const e = item[1] as Partial<Entry> | undefined;
      if (!e || typeof e.expires !== 'number' || e.expires <= now || !isRepoEvidence(e.value)) continue;
      this.entries.set(item[0], { value: e.value, expires: e.expires });
      n++;
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

function isRepoEvidence(v: unknown): v is RepoEvidence {
  const r = v as Partial<RepoEvidence> | null | undefined;
  return !!r && typeof r.repo === 'string' && typeof r.checkedAt === 'number' && Array.isArray(r.items) &&
    r.items.every((i) => typeof i?.detector === 'string' && typeof i.repo === 'string' && typeof i.found === 'boolean' && typeof i.summary === 'string' && (i.url === undefined || typeof i.url === 'string'));
}
