/**
 * Results of network checks keyed by URL (fragment excluded), with a TTL, shared by all
 * documents. Serialisable so the host can keep it across sessions; it holds what servers
 * answered, never credentials.
 */
import { TtlCache } from '../ttlCache';
import type { ResourceResult } from './types';

/** Link verdicts by URL (fragment excluded): at most `maxEntries`, least recently used out first. */
export class LinkCache extends TtlCache<ResourceResult> {
  constructor(maxEntries = 10_000) {
    super(maxEntries, isResult);
  }
}

function isResult(v: unknown): v is ResourceResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<ResourceResult>;
  return typeof r.checkedAt === 'number' && Array.isArray(r.problems) && r.problems.every((p) => typeof p?.code === 'string' && typeof p.message === 'string');
}
