/**
 * The project's repositories ("owner/name"): from `diligence.repositories`, else the document's
 * front matter (`repositories:`), else inferred from the GitHub links the document cites — the
 * organisation cited most (foundations' own organisations aside) and its repositories, most
 * cited first. The links counted are those on github.com and, with a GitHub Enterprise API
 * (https://ghe.example.com/api/v3), on its web host (ghe.example.com) as well.
 */
import { repositoryName, type DiligenceConfig } from '../config';
import type { DiligenceModel } from '../model/types';
import { readFrontMatter } from '../model/frontMatter';
import { githubRepoPath, githubWebHost } from '../links/githubUrl';

/** Organisations of foundations and their tooling: cited by every review, never the project. */
const FOUNDATION_ORGS = new Set(['cncf', 'confidential-computing', 'linuxfoundation', 'lf-edge', 'ossf', 'openssf', 'todogroup', 'github']);
export type RepositorySource = 'settings' | 'front-matter' | 'document' | 'none';

/** The settings a repository list depends on (`github` absent: github.com). */
type RepositoryConfig = Pick<DiligenceConfig, 'repositories'> & { github?: { apiUrl: string } };

/** github.com, and the Enterprise web host of the configured GitHub API when it is one */
function webHostsOf(config: RepositoryConfig): string[] {
  const host = config.github ? githubWebHost(config.github.apiUrl) : 'github.com';
  return host === 'github.com' ? ['github.com'] : ['github.com', host];
}

/** owner/name of a URL on one of `webHosts` (github.com by default; the scheme may be left out), or undefined. */
export function githubRepoOf(url: string, webHosts: readonly string[] = ['github.com']): string | undefined {
  const t = url.trim();
  let u: URL;
  try {
    u = new URL(/^https?:\/\//i.test(t) ? t : `https://${t}`);
  } catch {
    return undefined;
  }
  const at = githubRepoPath(u, webHosts);
  return at ? `${at.owner}/${at.repo}` : undefined;
}

/** The project's repositories and where they were taken from. */
export function projectRepositories(model: DiligenceModel, config: RepositoryConfig): { repositories: string[]; source: RepositorySource } {
  if (config.repositories.length > 0) return { repositories: [...new Set(config.repositories)], source: 'settings' };
  const hosts = webHostsOf(config);
  const fm = readFrontMatter(model.text)?.fields.get('repositories');
  if (fm !== undefined) {
    const list = (Array.isArray(fm) ? fm : fm.split(/[\s,]+/)).map((r) => repositoryName(r, hosts[1])).filter((r): r is string => r !== undefined);
    if (list.length > 0) return { repositories: [...new Set(list)], source: 'front-matter' };
  }
  const byRepo = new Map<string, number>();
  const byOwner = new Map<string, { count: number; spelling: string }>();
  // template links (in titles) are not the reviewer's; a reference counts through its definition;
  // a malformed link ("apphttps://github.com/…") is still a citation
  const urls = [
    ...model.links.filter((l) => !l.inTitle && l.syntax !== 'reference').map((l) => l.url),
    ...model.malformedLinks.map((m) => /https?:\/\/\S+/.exec(m.url)?.[0] ?? ''),
  ];
  for (const url of urls) {
    const repo = githubRepoOf(url, hosts);
    if (!repo) continue;
    const owner = repo.slice(0, repo.indexOf('/'));
    if (FOUNDATION_ORGS.has(owner.toLowerCase())) continue;
    byRepo.set(repo, (byRepo.get(repo) ?? 0) + 1);
    const key = owner.toLowerCase();
    const o = byOwner.get(key) ?? { count: 0, spelling: owner };
    o.count++;
    byOwner.set(key, o);
  }
  if (byOwner.size === 0) return { repositories: [], source: 'none' };
  const project = model.project?.toLowerCase().replace(/[^a-z0-9]/g, '');
  const owners = [...byOwner.entries()].sort((a, b) =>
    b[1].count - a[1].count
    || Number(b[0].replace(/[^a-z0-9]/g, '') === project) - Number(a[0].replace(/[^a-z0-9]/g, '') === project)
    || a[0].localeCompare(b[0]));
  const top = owners[0]![0];
  const repositories = [...byRepo.entries()]
    .filter(([r]) => r.slice(0, r.indexOf('/')).toLowerCase() === top)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([r]) => r);
  return { repositories, source: 'document' };
}

/** The project's repositories, "owner/name" (see projectRepositories). */
export function inferRepositories(model: DiligenceModel, config: RepositoryConfig): string[] {
  return projectRepositories(model, config).repositories;
}
