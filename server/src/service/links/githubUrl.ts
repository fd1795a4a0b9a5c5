/**
 * Recognises links to GitHub objects (on github.com or a GitHub Enterprise host) so they can be
 * checked through the API instead of by scraping web pages.
 */

export type GitHubObject =
  | { kind: 'repo' }
  /** blob/tree links; `ref` '' means the default branch (repository root, README anchors) */
  | { kind: 'path'; view: 'blob' | 'tree' | 'commits' | 'raw'; ref: string; path: string }
  | { kind: 'issue' | 'pull' | 'discussion'; number: number }
  | { kind: 'commit'; sha: string }
  | { kind: 'release'; tag: string };

export interface GitHubLink {
  owner: string;
  repo: string;
  object: GitHubObject;
  /** without the '#' ('' when none) */
  fragment: string;
  /** the URL without its fragment and query: the cache and request key */
  key: string;
}

/** github.com for api.github.com, HOST for https://HOST/api/v3 (GitHub Enterprise Server). */
export function githubWebHost(apiUrl: string): string {
  try {
    const u = new URL(apiUrl);
    if (u.hostname === 'api.github.com') return 'github.com';
    if (u.hostname.startsWith('api.')) return u.host.slice(4);
    return u.host;
  } catch {
    return 'github.com';
  }
}

export const SHA_RE = /^[0-9a-f]{40}$/i;

// Owner and repository names as GitHub allows them; anything else (orgs, settings, marketplace…) is a plain web page.
const NAME_RE = /^[A-Za-z0-9_.-]+$/;
const RESERVED_OWNERS = new Set(['orgs', 'settings', 'marketplace', 'features', 'topics', 'sponsors', 'about', 'login', 'search', 'explore', 'notifications', 'apps', 'collections', 'enterprise', 'pricing', 'site', 'security', 'users', 'new', 'organizations', 'codespaces', 'contact', 'trending']);

/**
 * The repository a URL on a GitHub web host points into (any path below it), with the path's
 * further segments; undefined for other hosts and for GitHub's own pages (`/orgs/…`, `/topics/…`).
 */
export function githubRepoPath(u: URL, webHosts: readonly string[] = ['github.com']): { owner: string; repo: string; rest: string[]; host: string } | undefined {
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const host = u.host.toLowerCase().replace(/^www\./, '');
  if (!webHosts.some((h) => h.toLowerCase() === host)) return undefined;
  const segs = u.pathname.split('/').filter((s) => s !== '').map((s) => safeDecode(s));
  const [owner, rawRepo, ...rest] = segs;
  if (!owner || !rawRepo || !NAME_RE.test(owner) || !NAME_RE.test(rawRepo) || RESERVED_OWNERS.has(owner.toLowerCase())) return undefined;
  const repo = rawRepo.replace(/\.git$/, '');
  return repo === '' || repo === '.' || repo === '..' ? undefined : { owner, repo, rest, host };
}

/** Parses a web URL into a GitHub object, or undefined when it is not one the API can check. */
export function parseGitHubUrl(url: string, webHosts: readonly string[] = ['github.com']): GitHubLink | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const at = githubRepoPath(u, webHosts);
  if (!at) return undefined;
  const { owner, repo, host } = at;
  const [section, ...rest] = at.rest;
  const fragment = u.hash.replace(/^#/, '');
  const make = (object: GitHubObject): GitHubLink => ({ owner, repo, object, fragment: safeDecode(fragment), key: `${u.protocol}//${host}${u.pathname.replace(/(?<!\/)\/+$/, '')}` });
  if (section === undefined) return make({ kind: 'repo' });
  const first = rest[0];
  switch (section) {
    case 'blob':
    case 'tree':
    case 'commits':
    case 'raw': {
      if (first === undefined) return section === 'commits' || section === 'tree' ? make({ kind: 'repo' }) : undefined;
      return make({ kind: 'path', view: section, ref: first, path: rest.slice(1).join('/') });
    }
    case 'pull':
    case 'pulls':
    case 'issues':
    case 'discussions': {
      if (first === undefined) return make({ kind: 'repo' });
      if (!/^\d+$/.test(first)) return undefined;
      const kind = section === 'issues' ? 'issue' : section === 'discussions' ? 'discussion' : 'pull';
      return make({ kind, number: Number(first) });
    }
    case 'commit':
      if (first === undefined || !/^[0-9a-f]{7,40}$/i.test(first)) return undefined;
      return make({ kind: 'commit', sha: first });
    case 'releases':
      if (first === undefined) return make({ kind: 'repo' });
      if (first === 'tag' && rest.length >= 2) return make({ kind: 'release', tag: rest.slice(1).join('/') });
      return undefined;
    case 'tags':
    case 'branches':
    case 'graphs':
    case 'pulse':
    case 'actions':
    case 'wiki':
    case 'security':
    case 'network':
    case 'stargazers':
    case 'forks':
    case 'labels':
    case 'milestones':
      return rest.length === 0 ? make({ kind: 'repo' }) : undefined;
    default:
      return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `L10`, `L10-L20`, `L10C3-L20C5`: line anchors of a file view. */
export function parseLineAnchor(fragment: string): { from: number; to: number } | undefined {
  const m = /^L(\d+)(?:C\d+)?(?:-L(\d+)(?:C\d+)?)?$/.exec(fragment);
  if (!m) return undefined;
  const from = Number(m[1]);
  return { from, to: m[2] !== undefined ? Number(m[2]) : from };
}

/** The same link with its ref replaced by a commit: path, query and fragment kept. */
export function pinUrl(url: string, sha: string, refSegments = 1): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const segs = u.pathname.split('/');
  // ['', owner, repo, 'blob'|'tree', ref, ...path]
  if (segs.length < 4 + refSegments || (segs[3] !== 'blob' && segs[3] !== 'tree')) return undefined;
  segs.splice(4, refSegments, sha);
  u.pathname = segs.join('/');
  return u.toString();
}
