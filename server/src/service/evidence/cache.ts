/**
 * Evidence per repository, with a TTL, shared by all documents and kept between sessions the way
 * the link cache is (serialised by the host into its storage folder). It holds what the APIs
 * answered, never credentials. A re-check within the TTL costs no request.
 */
import type { EvidenceItem } from '../profiles/types';
import { TtlCache } from '../ttlCache';

export interface RepoEvidence {
  /** "owner/name" as the document wrote it (the cache key ignores case) */
  repo: string;
  /** ms since the epoch */
  checkedAt: number;
  items: EvidenceItem[];
  /** set when the repository could not be examined (e.g. it does not exist) */
  error?: string;
}

/** Evidence by repository: at most `maxEntries`, least recently used out first. */
export class EvidenceCache extends TtlCache<RepoEvidence> {
  constructor(maxEntries = 2_000) {
    super(maxEntries, isRepoEvidence);
  }
}

function isRepoEvidence(v: unknown): v is RepoEvidence {
  const r = v as Partial<RepoEvidence> | null | undefined;
  return !!r && typeof r.repo === 'string' && typeof r.checkedAt === 'number' && Array.isArray(r.items) &&
    r.items.every((i) => typeof i?.detector === 'string' && typeof i.repo === 'string' && typeof i.found === 'boolean' && typeof i.summary === 'string' && (i.url === undefined || typeof i.url === 'string'));
}
