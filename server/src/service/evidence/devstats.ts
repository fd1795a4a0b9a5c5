/**
 * CNCF's DevStats API (cncf/devstatscode, API.md): `CompaniesTable` over the last year, metric
 * "Commits": the companies behind a project's commits as DevStats attributes them (its own
 * affiliation data, not guessed here). One POST through the link checker's HttpClient (address
 * guard, size cap, timeout), never with the GitHub token. Used where reachable: an error or an
 * unknown project is a not-found item saying why.
 */
import type { DiligenceConfig } from '../config';
import { throwIfCancelled, type CancellationToken, type Clock } from '../host';
import { InFlight } from '../links/limiter';
import type { HttpClient } from '../links/types';
import type { EvidenceCache, RepoEvidence } from './cache';
import type { EvidenceItem } from '../profiles/types';
import { trimEndChars } from '../text/trim';

export interface DevStatsOptions {
  url: string;
  timeoutMs: number;
  allowPrivateHosts: boolean;
}

export const DEVSTATS_RANGE = 'Last year';
export const DEVSTATS_METRIC = 'Commits';
/** companies DevStats counts apart from the real ones (not organisations) */
const NOT_ORGANISATIONS = /^(?:all|\(unknown\)|unknown|independent|not found|\(robots\)|robots)$/i;

/** The table's rows: company → number, "All" and unknown affiliations set apart. */
export function companiesTable(data: unknown): { total: number | undefined; companies: Array<{ name: string; commits: number }>; unaffiliated: number } | { error: string } {
  const d = data as { error?: unknown; company?: unknown; number?: unknown } | null;
  if (!d || typeof d !== 'object') return { error: 'DevStats answered with something that is not a table' };
  if (typeof d.error === 'string') return { error: `DevStats: ${d.error.replace(/\s+/g, ' ').slice(0, 160)}` };
  if (!Array.isArray(d.company) || !Array.isArray(d.number) || d.company.length !== d.number.length) return { error: 'DevStats answered with something that is not a companies table' };
  let total: number | undefined;
  let unaffiliated = 0;
  const companies: Array<{ name: string; commits: number }> = [];
  d.company.slice(0, 1000).forEach((c: unknown, i: number) => {
    const n = d.number as unknown[];
    const v = n[i];
    if (typeof c !== 'string' || typeof v !== 'number' || !Number.isFinite(v)) return;
    const name = c.replace(/\s+/g, ' ').trim().slice(0, 80);
    if (/^all$/i.test(name)) total = v;
    else if (NOT_ORGANISATIONS.test(name)) unaffiliated += v;
    else if (name !== '') companies.push({ name, commits: v });
  });
  companies.sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name));
  return { total, companies, unaffiliated };
}

/** The `contributor-organisations` item for `project` from DevStats (one request). */
export async function devstatsItem(http: HttpClient, project: string, o: DevStatsOptions, token: CancellationToken): Promise<EvidenceItem> {
  const url = trimEndChars(o.url, '/');
  const repo = `DevStats ${project}`;
  const miss = (why: string): EvidenceItem => ({ detector: 'contributor-organisations', repo, found: false, summary: why, details: { check: 'devstats' } });
  const res = await http.request({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'diligence' },
    body: JSON.stringify({ api: 'CompaniesTable', payload: { project, range: DEVSTATS_RANGE, metric: DEVSTATS_METRIC } }),
    timeoutMs: o.timeoutMs,
    maxBodyBytes: 1024 * 1024,
    wantBody: true,
    allowPrivateHosts: o.allowPrivateHosts,
  }, token);
  if (!res.ok) return miss(`DevStats not reached: ${res.message}`);
  let data: unknown;
  try {
    data = JSON.parse(res.body ?? '');
  } catch {
    return miss(`DevStats answered ${res.status} without a JSON table`);
  }
  const t = companiesTable(data);
  if ('error' in t) return miss(t.error);
  const list = t.companies.slice(0, 5).map((c) => `${c.name} ${c.commits}`).join(', ') + (t.companies.length > 5 ? `, ${t.companies.length - 5} more` : '');
  const total = t.total !== undefined ? ` of ${t.total}` : '';
  const summary = t.companies.length === 0
    ? `DevStats attributes none of the commits of the last year${total} to a company`
    : `DevStats, commits of the last year${total} by company: ${list}${t.unaffiliated > 0 ? `; ${t.unaffiliated} unaffiliated or unknown` : ''}`;
  return {
    detector: 'contributor-organisations', repo, found: t.companies.length >= 2, summary,
    url: `${new URL(url).origin}/`,
    details: { check: 'devstats', project, range: DEVSTATS_RANGE, metric: DEVSTATS_METRIC, organisations: t.companies.slice(0, 50).map((c) => ({ name: c.name, commits: c.commits })), unaffiliated: t.unaffiliated, ...(t.total !== undefined ? { total: t.total } : {}) },
  };
}

export interface DevStatsDiscoveryDeps {
  cache: EvidenceCache;
  clock: Clock;
  http: HttpClient;
}

export type DevStatsEvidence = RepoEvidence & { fromCache: boolean };

/** DevStats for one project: from the cache, else asked (an unreachable DevStats is not cached). */
export function devstatsDiscovery(deps: DevStatsDiscoveryDeps): (project: string, config: DiligenceConfig, fresh: boolean, token: CancellationToken) => Promise<DevStatsEvidence> {
  const inFlight = new InFlight<EvidenceItem>();
  return async (project, config, fresh, token) => {
    const key = `devstats|${config.evidence.devstatsUrl}|${project.toLowerCase()}`;
    const now = deps.clock.now().getTime();
    const hit = fresh ? undefined : deps.cache.get(key, now);
    if (hit) return { ...hit, fromCache: true };
    const o: DevStatsOptions = { url: config.evidence.devstatsUrl, timeoutMs: config.links.timeout, allowPrivateHosts: config.links.allowPrivateHosts };
    const item = await inFlight.run(key, () => devstatsItem(deps.http, project, o, token));
    throwIfCancelled(token);
    const evidence: RepoEvidence = { repo: item.repo, checkedAt: now, items: [item] };
    if (!item.summary.startsWith('DevStats not reached')) deps.cache.set(key, evidence, config.evidence.cacheTtl * 1000);
    return { ...evidence, fromCache: false };
  };
}
