/**
 * The application issue through the GitHub API (the host's adapter: the shared Octokit, token to
 * the API origin only), cached like the other GitHub answers: per issue, with a TTL, kept between
 * sessions by the host (issues.json). Posting a comment is a separate, explicit call.
 */
import type { ApiOutcome } from '../evidence/types';
import { throwIfCancelled, type CancellationToken } from '../host';
import { TtlCache } from '../ttlCache';
import { issueRefText, type IssueRef } from './parse';

export interface FetchedIssue {
  number: number;
  title: string;
  body: string;
  /** the issue's web page */
  url: string;
  state: string;
  labels: string[];
}

export interface ApplicationGitHub {
  issue(ref: IssueRef, token: CancellationToken): Promise<ApiOutcome<FetchedIssue>>;
  /** posts a comment on the issue (needs a token) */
  comment(ref: IssueRef, body: string, token: CancellationToken): Promise<ApiOutcome<{ url: string }>>;
  /** the URL of an open pull request into `base` whose head is `owner:branch` (undefined: none) */
  openPull?(base: { owner: string; repo: string }, head: string, token: CancellationToken): Promise<ApiOutcome<string | undefined>>;
  readonly requestCount: number;
}

export interface CachedIssue extends FetchedIssue {
  checkedAt: number;
}

function isCachedIssue(v: unknown): v is CachedIssue {
  const c = v as Partial<CachedIssue> | null | undefined;
  return !!c && typeof c.checkedAt === 'number' && typeof c.number === 'number' && typeof c.title === 'string' && typeof c.body === 'string' &&
    typeof c.url === 'string' && typeof c.state === 'string' && Array.isArray(c.labels) && c.labels.every((l) => typeof l === 'string');
}

/** Application issues by `apiUrl|owner/repo#N`, serialised by the host. */
export class IssueCache extends TtlCache<CachedIssue> {
  constructor(maxEntries = 200) {
    super(maxEntries, isCachedIssue);
  }
}

export interface IssueFetch {
  github: ApplicationGitHub | undefined;
  cache: IssueCache | undefined;
  /** part of the cache key: the same issue number on another API is another issue */
  apiUrl: string;
  ttlMs: number;
  now: number;
  allowNetwork: boolean;
}

/** The issue from the cache, else from the API (and cached). */
export async function fetchIssue(ref: IssueRef, f: IssueFetch, token: CancellationToken): Promise<ApiOutcome<FetchedIssue>> {
  const key = `${f.apiUrl}|${issueRefText(ref)}`.toLowerCase();
  const hit = f.cache?.get(key, f.now);
  if (hit) {
    const { checkedAt: _, ...issue } = hit;
    return { ok: true, value: issue };
  }
  if (!f.allowNetwork || !f.github) return { ok: false, kind: 'network', message: `${issueRefText(ref)} is not cached and the network is off` };
  const r = await f.github.issue(ref, token);
  throwIfCancelled(token);
  if (r.ok) f.cache?.set(key, { ...r.value, checkedAt: f.now }, f.ttlMs);
  return r;
}
