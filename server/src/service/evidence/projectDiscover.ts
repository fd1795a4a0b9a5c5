/**
 * Discovery of the project's `.project` metadata repository: one GraphQL request reads
 * project.yaml and maintainers.yaml of every candidate (`diligence.evidence.projectRepo`, else
 * `<owner>/.project` for the owners of the document's first repositories), one more per 100
 * maintainers asks the companies their GitHub profiles state. Cached like a repository.
 */
import type { DiligenceConfig } from '../config';
import { InFlight } from '../links/limiter';
import { throwIfCancelled, type CancellationToken, type Clock } from '../host';
import type { EvidenceCache, RepoEvidence } from './cache';
import { dotProjectItems, maintainerLogins, MAINTAINERS_FILE, PROJECT_FILE, type ProjectListing } from './dotProject';
import { failureOf, type NotDiscovered } from './failure';
import type { ApiFailure, EvidenceGitHub, RepoRef } from './types';

/** owners whose `.project` is looked for, at most */
const MAX_CANDIDATES = 3;

/** The `.project` repositories to look in, in order of preference. */
export function projectCandidates(config: DiligenceConfig, repos: readonly string[]): RepoRef[] {
  const set = config.evidence.projectRepo;
  if (set) {
    const [owner = '', name = ''] = set.split('/');
    return [{ owner, name }];
  }
  const owners: string[] = [];
  for (const r of repos) {
    const owner = /^([\w.-]+)\//.exec(r.trim())?.[1];
    if (owner && !owners.some((o) => o.toLowerCase() === owner.toLowerCase())) owners.push(owner);
  }
  return owners.slice(0, MAX_CANDIDATES).map((owner) => ({ owner, name: '.project' }));
}

export function projectCacheKey(config: DiligenceConfig, candidates: readonly RepoRef[]): string {
  return `project|${config.github.apiUrl}|${candidates.map((c) => `${c.owner}/${c.name}`.toLowerCase()).join(',')}`;
}

/** The first candidate that exists, read; its maintainers' companies asked. */
export async function examineProject(github: EvidenceGitHub, candidates: readonly RepoRef[], now: Date, token: CancellationToken): Promise<{ evidence: RepoEvidence } | { failure: ApiFailure }> {
  const names = candidates.map((c) => `${c.owner}/${c.name}`);
  if (!github.metadataFiles) return { evidence: { repo: names[0] ?? '', checkedAt: now.getTime(), items: [], error: 'this GitHub client does not read metadata repositories' } };
  const read = await github.metadataFiles(candidates, [PROJECT_FILE, MAINTAINERS_FILE], token);
  throwIfCancelled(token);
  if (!read.ok) return { failure: read };
  const at = read.value.findIndex((v) => v !== undefined);
  const found = read.value[at];
  if (!found) return { evidence: { repo: names[0] ?? '', checkedAt: now.getTime(), items: [], error: `no project metadata repository (${names.join(', ')}) found, or not visible with this token` } };
  const listing: ProjectListing = {
    repo: found.repo || names[at]!,
    webUrl: found.webUrl,
    headSha: found.headSha,
    files: { [PROJECT_FILE]: found.files[0], [MAINTAINERS_FILE]: found.files[1] },
  };
  const logins = maintainerLogins(listing);
  let companies: Record<string, string | null> | undefined;
  if (logins.length > 0 && github.userCompanies) {
    const asked = await github.userCompanies(logins, token);
    throwIfCancelled(token);
    if (!asked.ok) return { failure: asked };
    companies = Object.fromEntries(logins.map((l, i) => [l.toLowerCase(), asked.value[i] ?? null]));
  }
  return { evidence: { repo: listing.repo, checkedAt: now.getTime(), items: dotProjectItems(listing, companies) } };
}

export interface ProjectDiscoveryDeps {
  cache: EvidenceCache;
  clock: Clock;
  github(): EvidenceGitHub | undefined;
}

export type ProjectEvidence = RepoEvidence & { fromCache: boolean };

/** The `.project` part of discovery: from the cache, else examined (once at a time per candidates). */
export function projectDiscovery(deps: ProjectDiscoveryDeps): (candidates: readonly RepoRef[], config: DiligenceConfig, fresh: boolean, token: CancellationToken) => Promise<{ project: ProjectEvidence } | { failure: NotDiscovered }> {
  const inFlight = new InFlight<Awaited<ReturnType<typeof examineProject>>>();
  return async (candidates, config, fresh, token) => {
    const key = projectCacheKey(config, candidates);
    const hit = fresh ? undefined : deps.cache.get(key, deps.clock.now().getTime());
    if (hit) return { project: { ...hit, fromCache: true } };
    const github = deps.github();
    if (!github) return { failure: { reason: 'no-token', message: 'evidence discovery needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' } };
    const r = await inFlight.run(key, () => examineProject(github, candidates, deps.clock.now(), token));
    throwIfCancelled(token);
    if ('failure' in r) return { failure: failureOf(r.failure) };
    deps.cache.set(key, r.evidence, config.evidence.cacheTtl * 1000);
    return { project: { ...r.evidence, fromCache: false } };
  };
}
