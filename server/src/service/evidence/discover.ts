/**
 * Evidence discovery over a project's repositories: one batched GraphQL request for the facts of
 * every repository not in the cache, one for the texts it needs (security policy, README), then
 * the OpenSSF services per repository. Results are cached per repository with a TTL, so a
 * re-check within it costs no request at all.
 */
import { networkChecksEnabled, type DiligenceConfig } from '../config';
import { systemClock, silentLogger, throwIfCancelled, type CancellationToken, type Clock, type Logger } from '../host';
import { InFlight } from '../links/limiter';
import type { HttpClient } from '../links/types';
import type { EvidenceItem } from '../profiles/types';
import { EvidenceCache, type RepoEvidence } from './cache';
import { badgeProjectId, readmePath, runDetectors, securityPolicyPath, type BadgeResult, type OpenSsfMiss, type ScorecardResult } from './detectors';
import { bestPractices, scorecard, type OpenSsfOptions } from './openssf';
import type { EvidenceGitHub, FileRequest, RepoFacts, RepoRef } from './types';
import { tocDiscovery } from './tocDiscover';
import { projectCandidates, projectDiscovery, type ProjectEvidence } from './projectDiscover';
import { projectMaintainersOf, type ProjectMaintainers } from './dotProject';
import { devstatsDiscovery, type DevStatsEvidence } from './devstats';
import { failureOf, type NotDiscovered } from './failure';

export { failureOf, type NotDiscovered, type NotDiscoveredReason } from './failure';

export interface EvidenceDiscovery {
  /** "owner/name", in the order asked */
  repos: string[];
  results: Array<RepoEvidence & { fromCache: boolean }>;
  /** the TOC's review snapshots of the project (`repo` = the TOC repository), when asked for */
  toc?: RepoEvidence & { fromCache: boolean; project: string };
  /** CNCF's project metadata repository (`<org>/.project`): maintainers, adopters, audits… */
  project?: ProjectEvidence;
  /** CNCF's DevStats: the companies behind the project's commits of the last year (CNCF projects) */
  devstats?: DevStatsEvidence;
  /** set when some repositories could not be examined */
  notDiscovered?: NotDiscovered;
}

export interface DiscoverOptions {
  config: DiligenceConfig;
  /** false in an untrusted workspace: nothing is requested, only the cache answers */
  allowNetwork: boolean;
  /** the project's folder under projects/ in the TOC repository: its review snapshots are looked for too */
  project?: string;
  /** ask again even what the cache still holds (Refresh evidence) */
  fresh?: boolean;
}

export interface EvidenceDiscovererDeps {
  /** without it (no token), nothing is discovered through GitHub */
  github: EvidenceGitHub | undefined;
  http: HttpClient;
  cache?: EvidenceCache;
  clock?: Clock;
  logger?: Logger;
}

export interface EvidenceDiscoverer {
  readonly cache: EvidenceCache;
  readonly github: EvidenceGitHub | undefined;
  discover(repos: readonly string[], options: DiscoverOptions, token: CancellationToken): Promise<EvidenceDiscovery>;
}

export function parseRepo(s: string): RepoRef | undefined {
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(s.trim());
  return m ? { owner: m[1]!, name: m[2]!.replace(/\.git$/, '') } : undefined;
}

export function cacheKey(config: DiligenceConfig, repo: string): string {
  return `${config.github.apiUrl}|${config.openssf.bestPracticesUrl}|${config.openssf.scorecardUrl}|${repo.toLowerCase()}`;
}


async function examineRepos(deps: EvidenceDiscovererDeps, clock: Clock, refs: RepoRef[], config: DiligenceConfig, token: CancellationToken): Promise<{ results: RepoEvidence[]; failure?: NotDiscovered }> {
  const github = deps.github;
  if (!github) return { results: [], failure: { reason: 'no-token', message: 'evidence discovery needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' } };
  const now = clock.now();
  const since = new Date(now.getTime());
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const factsOutcome = await github.repositories(refs, since, token);
  throwIfCancelled(token);
  if (!factsOutcome.ok) return { results: [], failure: failureOf(factsOutcome) };
  const facts = factsOutcome.value;

  // the texts the detectors read: the security policy and the README
  const wanted: FileRequest[] = [];
  facts.forEach((f, i) => {
    if (!f.exists) return;
    for (const path of [securityPolicyPath(f.entries), readmePath(f.entries)]) {
      if (path) wanted.push({ ...refs[i]!, sha: f.headSha, path });
    }
  });
  const textOutcome = wanted.length > 0 ? await github.texts(wanted, token) : { ok: true as const, value: [] };
  throwIfCancelled(token);
  if (!textOutcome.ok) return { results: [], failure: failureOf(textOutcome) };
  const texts = new Map<string, Record<string, string | undefined>>();
  wanted.forEach((w, i) => {
    const key = `${w.owner}/${w.name}`.toLowerCase();
    const m = texts.get(key) ?? {};
    m[w.path] = textOutcome.value[i];
    texts.set(key, m);
  });

  const o: OpenSsfOptions = { ...config.openssf, timeoutMs: config.links.timeout, allowPrivateHosts: config.links.allowPrivateHosts };
  const results = await Promise.all(facts.map(async (f, i): Promise<RepoEvidence> => {
    const asked = `${refs[i]!.owner}/${refs[i]!.name}`;
    if (!f.exists) return { repo: asked, checkedAt: now.getTime(), items: [], error: `repository ${asked} not found (or not visible with this token)` };
    const t = texts.get(asked.toLowerCase()) ?? {};
    const readme = readmePath(f.entries);
    const readmeText = readme ? t[readme] : undefined;
    const host = new URL(f.webUrl).host;
    const [badge, score] = await Promise.all([
      bestPractices(deps.http, f.webUrl, readmeText ? badgeProjectId(readmeText) : undefined, o, token).catch((e: unknown): BadgeResult | OpenSsfMiss => ({ missing: true, reason: String(e) })),
      scorecard(deps.http, host, f.repo, o, token).catch((e: unknown): ScorecardResult | OpenSsfMiss => ({ missing: true, reason: String(e) })),
    ]);
    return { repo: asked, checkedAt: now.getTime(), items: runDetectors({ facts: f as RepoFacts, texts: t, badge, scorecard: score, now }) };
  }));
  throwIfCancelled(token);
  return { results };
}

export function createEvidenceDiscoverer(deps: EvidenceDiscovererDeps): EvidenceDiscoverer {
  const cache = deps.cache ?? new EvidenceCache();
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? silentLogger;
  const inFlight = new InFlight<{ results: RepoEvidence[]; failure?: NotDiscovered }>();
  const toc = tocDiscovery({ cache, clock, github: () => deps.github });
  const dotProject = projectDiscovery({ cache, clock, github: () => deps.github });
  const devstats = devstatsDiscovery({ cache, clock, http: deps.http });
  /** the last failure logged */
  let lastFailure: string | undefined;

  return {
    cache,
    get github() {
      return deps.github;
    },
    async discover(repos, options, token) {
      const { config } = options;
      const now = clock.now().getTime();
      const out: EvidenceDiscovery = { repos: [...repos], results: [] };
      const byKey = new Map<string, RepoEvidence & { fromCache: boolean }>();
      const missing: RepoRef[] = [];
      for (const r of repos) {
        const hit = options.fresh ? undefined : cache.get(cacheKey(config, r), now);
        if (hit) byKey.set(r.toLowerCase(), { ...hit, repo: r, fromCache: true });
        else {
          const ref = parseRepo(r);
          if (ref && !missing.some((m) => `${m.owner}/${m.name}`.toLowerCase() === r.toLowerCase())) missing.push(ref);
        }
      }
      const blocked = (): NotDiscovered | undefined => {
        if (!options.allowNetwork) return { reason: 'untrusted', message: 'evidence is not discovered in an untrusted workspace' };
        if (!networkChecksEnabled(config) || !config.evidence.enabled) return { reason: 'offline', message: 'evidence discovery is turned off (diligence.links.enabled / diligence.evidence.enabled, or --offline)' };
        return undefined;
      };
      const report = (failure: NotDiscovered | undefined, quiet = false): void => {
        if (failure) {
          out.notDiscovered ??= failure;
          if (quiet) return;
          // said once, not on every analysis while nothing changes
          if (failure.message !== lastFailure) log.info(`evidence: ${failure.message}`);
          lastFailure = failure.message;
        } else {
          lastFailure = undefined;
        }
      };
      if (missing.length > 0) {
        const why = blocked();
        if (why) {
          out.notDiscovered = why;
        } else {
          const key = missing.map((m) => `${m.owner}/${m.name}`.toLowerCase()).sort().join(',') + '|' + cacheKey(config, '');
          const r = await inFlight.run(key, () => examineRepos(deps, clock, missing, config, token));
          throwIfCancelled(token);
          report(r.failure);
          for (const e of r.results) {
            cache.set(cacheKey(config, e.repo), e, config.evidence.cacheTtl * 1000);
            byKey.set(e.repo.toLowerCase(), { ...e, fromCache: false });
          }
        }
      }
      if (options.project) {
        const why = blocked();
        const r = why ? { failure: why } : await toc(options.project, config, options.fresh === true, token);
        throwIfCancelled(token);
        if ('toc' in r) out.toc = r.toc;
        else report(r.failure, why !== undefined);
        // DevStats is asked with the rest of discovery: trusted, online, signed in to GitHub
        const signedIn = 'toc' in r || r.failure.reason !== 'no-token';
        if (!why && signedIn && config.evidence.devstatsUrl) out.devstats = await devstats(options.project, config, options.fresh === true, token);
      }
      const candidates = config.evidence.projectMetadata ? projectCandidates(config, repos) : [];
      if (candidates.length > 0) {
        const why = blocked();
        const r = why ? { failure: why } : await dotProject(candidates, config, options.fresh === true, token);
        throwIfCancelled(token);
        if ('project' in r) out.project = r.project;
        else report(r.failure, why !== undefined);
      }
      for (const r of repos) {
        const e = byKey.get(r.toLowerCase());
        if (e) out.results.push(e);
      }
      return out;
    },
  };
}

/** Every item of a discovery, in repository order, then `.project`, the TOC's review snapshots last. */
export function allItems(d: EvidenceDiscovery | undefined): EvidenceItem[] {
  return d ? [...d.results.flatMap((r) => r.items), ...(d.project?.items ?? []), ...(d.devstats?.items ?? []), ...(d.toc?.items ?? [])] : [];
}

/**
 * The maintainers listed in the project's `.project` repository (maintainers.yaml), with the
 * companies their GitHub profiles state when they were asked; undefined when not discovered.
 */
export function projectMaintainers(d: EvidenceDiscovery | undefined): ProjectMaintainers | undefined {
  return d?.project ? projectMaintainersOf(d.project.items, d.project.checkedAt) : undefined;
}
