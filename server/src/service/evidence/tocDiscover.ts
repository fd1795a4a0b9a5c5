/**
 * Discovery of the TOC's review snapshots for one project: one GraphQL request lists the
 * project's folder and its review folders in cncf/toc, one more reads the newest governance
 * review (its status line, must-fix items and areas for improvement). Cached like a repository.
 */
import type { DiligenceConfig } from '../config';
import { InFlight } from '../links/limiter';
import type { Clock } from '../host';
import type { EvidenceCache } from './cache';
import type { EvidenceDiscovery } from './discover';
import { failureOf, type NotDiscovered } from './failure';
import { throwIfCancelled, type CancellationToken } from '../host';
import type { RepoEvidence } from './cache';
import { governanceReviewPath, tocFolders, tocItems, type TocListing } from './toc';
import type { ApiFailure, EvidenceGitHub, RepoRef } from './types';

export function tocCacheKey(config: DiligenceConfig, project: string): string {
  return `toc|${config.github.apiUrl}|${config.evidence.tocRepo.toLowerCase()}|${project.toLowerCase()}`;
}

/** The TOC's review snapshots of `project` as a RepoEvidence of the TOC repository, or why not. */
export async function examineToc(github: EvidenceGitHub, config: DiligenceConfig, project: string, now: Date, token: CancellationToken): Promise<{ evidence: RepoEvidence } | { failure: ApiFailure }> {
  const [owner = '', name = ''] = config.evidence.tocRepo.split('/');
  const repo: RepoRef = { owner, name };
  const paths = tocFolders(project);
  const listed = await github.folders(repo, paths, token);
  throwIfCancelled(token);
  if (!listed.ok) return { failure: listed };
  const l = listed.value;
  if (!l.exists) return { evidence: { repo: config.evidence.tocRepo, checkedAt: now.getTime(), items: [], error: `${config.evidence.tocRepo} not found (or not visible with this token)` } };
  const listing: TocListing = {
    repo: config.evidence.tocRepo,
    project,
    webUrl: l.webUrl,
    headSha: l.headSha,
    exists: l.folders[0] !== undefined,
    entries: l.folders.flatMap((f) => f ?? []),
  };
  const texts: Record<string, string | undefined> = {};
  const gov = governanceReviewPath(listing);
  if (gov) {
    const read = await github.texts([{ ...repo, sha: l.headSha, path: gov }], token);
    throwIfCancelled(token);
    if (!read.ok) return { failure: read };
    texts[gov] = read.value[0];
  }
  return { evidence: { repo: config.evidence.tocRepo, checkedAt: now.getTime(), items: tocItems(listing, texts) } };
}

export interface TocDiscoveryDeps {
  cache: EvidenceCache;
  clock: Clock;
  github(): EvidenceGitHub | undefined;
}

/** The TOC part of discovery: from the cache, else examined (once at a time per project). */
export function tocDiscovery(deps: TocDiscoveryDeps): (project: string, config: DiligenceConfig, fresh: boolean, token: CancellationToken) => Promise<{ toc: NonNullable<EvidenceDiscovery['toc']> } | { failure: NotDiscovered }> {
  const inFlight = new InFlight<Awaited<ReturnType<typeof examineToc>>>();
  return async (project, config, fresh, token) => {
    const key = tocCacheKey(config, project);
    const hit = fresh ? undefined : deps.cache.get(key, deps.clock.now().getTime());
    if (hit) return { toc: { ...hit, fromCache: true, project } };
    const github = deps.github();
    if (!github) return { failure: { reason: 'no-token', message: 'evidence discovery needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' } };
    const r = await inFlight.run(key, () => examineToc(github, config, project, deps.clock.now(), token));
    throwIfCancelled(token);
    if ('failure' in r) return { failure: failureOf(r.failure) };
    deps.cache.set(key, r.evidence, config.evidence.cacheTtl * 1000);
    return { toc: { ...r.evidence, fromCache: false, project } };
  };
}
