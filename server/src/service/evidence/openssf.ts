/**
 * OpenSSF services through the link checker's HttpClient (address guard, size cap, timeout):
 * the Best Practices badge (project JSON, found from the README badge or by repository URL) and
 * the Scorecard API. Redirects are followed for at most three hops, over http(s) only.
 */
import type { CancellationToken } from '../host';
import type { HttpClient, HttpFailure, HttpResponse } from '../links/types';
import type { BadgeResult, OpenSsfMiss, ScorecardResult } from './detectors';
import { trimEndChars } from '../text/trim';

export interface OpenSsfOptions {
  bestPracticesUrl: string;
  scorecardUrl: string;
  timeoutMs: number;
  allowPrivateHosts: boolean;
  userAgent?: string;
}

async function getJson(http: HttpClient, url: string, o: OpenSsfOptions, token: CancellationToken): Promise<{ status: number; data?: unknown } | { error: string }> {
  let current = url;
  for (let hop = 0; hop < 4; hop++) {
    const res: HttpResponse | HttpFailure = await http.request({
      url: current,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': o.userAgent ?? 'diligence' },
      timeoutMs: o.timeoutMs,
      maxBodyBytes: 2 * 1024 * 1024,
      wantBody: true,
      allowPrivateHosts: o.allowPrivateHosts,
    }, token);
    if (!res.ok) return { error: `${new URL(current).host}: ${res.message}` };
    if (res.status >= 300 && res.status < 400 && res.headers['location']) {
      const next = new URL(res.headers['location'], current);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') return { error: `redirect to ${next.protocol}` };
      current = next.toString();
      continue;
    }
    if (res.status !== 200) return { status: res.status };
    try {
      return { status: 200, data: JSON.parse(res.body ?? '') as unknown };
    } catch {
      return { error: `${new URL(current).host} answered with something that is not JSON` };
    }
  }
  return { error: 'too many redirects' };
}

const base = (u: string): string => trimEndChars(u, '/');

function miss(reason: string): OpenSsfMiss {
  return { missing: true, reason };
}

function badgeOf(data: unknown, bp: string, via: BadgeResult['via']): BadgeResult | undefined {
  const p = data as { id?: unknown; badge_level?: unknown } | null;
  if (!p || typeof p.id !== 'number' || typeof p.badge_level !== 'string') return undefined;
  return { id: p.id, level: p.badge_level, url: `${bp}/projects/${p.id}`, via };
}

/** The badge of a repository: the README's badge if it has one, else a search by repository URL. */
export async function bestPractices(http: HttpClient, repoWebUrl: string, readmeBadgeId: number | undefined, o: OpenSsfOptions, token: CancellationToken): Promise<BadgeResult | OpenSsfMiss> {
  const bp = base(o.bestPracticesUrl);
  if (readmeBadgeId !== undefined) {
    const r = await getJson(http, `${bp}/projects/${readmeBadgeId}.json`, o, token);
    if ('error' in r) return miss(r.error);
    if (r.status === 404) return miss(`the README's badge points at project ${readmeBadgeId}, which does not exist`);
    if (r.status !== 200) return miss(`Best Practices answered ${r.status}`);
    return badgeOf(r.data, bp, 'readme') ?? miss('unexpected answer from Best Practices');
  }
  const r = await getJson(http, `${bp}/projects.json?url=${encodeURIComponent(repoWebUrl)}`, o, token);
  if ('error' in r) return miss(r.error);
  if (r.status !== 200) return miss(`Best Practices answered ${r.status}`);
  const list = Array.isArray(r.data) ? r.data : [];
  const want = trimEndChars(repoWebUrl.toLowerCase(), '/');
  const repoKey = (u: string): string => trimEndChars(u.toLowerCase(), '/').replace(/\.git$/, '');
  const hit = list.find((p) => typeof (p as { repo_url?: unknown }).repo_url === 'string' && repoKey((p as { repo_url: string }).repo_url) === want) as unknown;
  return (hit ? badgeOf(hit, bp, 'search') : undefined) ?? miss('no README badge and no project registered for this repository');
}

export async function scorecard(http: HttpClient, host: string, repo: string, o: OpenSsfOptions, token: CancellationToken): Promise<ScorecardResult | OpenSsfMiss> {
  const url = `${base(o.scorecardUrl)}/projects/${host}/${repo}`;
  const r = await getJson(http, url, o, token);
  if ('error' in r) return miss(r.error);
  if (r.status === 404) return miss('not computed for this repository');
  if (r.status !== 200) return miss(`Scorecard answered ${r.status}`);
  const d = r.data as { score?: unknown; date?: unknown } | null;
  if (!d || typeof d.score !== 'number') return miss('unexpected answer from Scorecard');
  return { score: d.score, date: typeof d.date === 'string' ? d.date : undefined, url };
}
