/**
 * OpenSSF services through the link checker's HttpClient (address guard, size cap, timeout):
 * the Best Practices badge (project JSON, found from the README badge or by repository URL) and
 * the Scorecard API. Redirects are followed for at most three hops, over http(s) only.
 */
import type { CancellationToken } from '../host';
import type { HttpClient, HttpFailure, HttpResponse } from '../links/types';
import { BADGE_LEVELS, type BadgeResult, type OpenSsfMiss, type ScorecardCheck, type ScorecardResult } from './detectors';
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

const pct = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(100, Math.round(v))) : undefined);

/**
 * The percentages of the project JSON: `badge_percentage_0..2` (passing, silver, gold), else
 * what `tiered_percentage` (0–300: 100 per level reached plus the share of the next) implies.
 */
export function badgePercentages(p: Record<string, unknown>): BadgeResult['percent'] {
  const out: NonNullable<BadgeResult['percent']> = {};
  BADGE_LEVELS.forEach((level, i) => {
    const v = pct(p[`badge_percentage_${i}`]);
    if (v !== undefined) out[level] = v;
  });
  const tiered = typeof p['tiered_percentage'] === 'number' && Number.isFinite(p['tiered_percentage']) ? p['tiered_percentage'] : undefined;
  if (tiered !== undefined) {
    BADGE_LEVELS.forEach((level, i) => {
      out[level] ??= Math.max(0, Math.min(100, Math.round(tiered - 100 * i)));
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function badgeOf(data: unknown, bp: string, via: BadgeResult['via']): BadgeResult | undefined {
  const p = data as ({ id?: unknown; badge_level?: unknown } & Record<string, unknown>) | null;
  if (!p || typeof p.id !== 'number' || typeof p.badge_level !== 'string') return undefined;
  const percent = badgePercentages(p);
  return { id: p.id, level: p.badge_level, url: `${bp}/projects/${p.id}`, via, ...(percent ? { percent } : {}) };
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
  const d = r.data as { score?: unknown; date?: unknown; checks?: unknown } | null;
  if (!d || typeof d.score !== 'number') return miss('unexpected answer from Scorecard');
  return { score: d.score, date: typeof d.date === 'string' ? d.date : undefined, url, checks: scorecardChecks(d.checks) };
}

/** The checks of a Scorecard answer (`checks: [{ name, score, reason, documentation: { url } }]`). */
export function scorecardChecks(raw: unknown): ScorecardCheck[] {
  if (!Array.isArray(raw)) return [];
  const out: ScorecardCheck[] = [];
  for (const c of raw as unknown[]) {
    const x = c as { name?: unknown; score?: unknown; reason?: unknown; documentation?: { url?: unknown } | null } | null;
    if (!x || typeof x.name !== 'string' || typeof x.score !== 'number' || !Number.isFinite(x.score)) continue;
    const doc = x.documentation && typeof x.documentation.url === 'string' && /^https:\/\//.test(x.documentation.url) ? x.documentation.url : undefined;
    out.push({ name: x.name, score: x.score, reason: typeof x.reason === 'string' ? x.reason.replace(/\s+/g, ' ').trim().slice(0, 200) : '', ...(doc ? { docs: doc } : {}) });
  }
  return out;
}
