/**
 * The due diligence's pull request from the git checkout it lives in, for the public-comment
 * e-mail when neither the document's links nor `--pr` give it. The checkout is read, not run: the
 * nearest `.git` above the document (at most 8 folders up, and never above the workspace folders
 * when the host names them), its `HEAD` (the branch) and `config` (the remotes); a `.git` file of
 * a worktree or submodule is followed to its git folder (only a `…/.git/worktrees/NAME` or
 * `…/.git/modules/…` one, and only `HEAD`, `commondir` and `config` are read there, each capped).
 * Then the configured GitHub API is asked for an open pull request into the TOC repository (or
 * the repository of a remote) whose head is `<remote owner>:<branch>`. Offline, untrusted, no
 * checkout, no GitHub remote, none found: the field stays the template's placeholder and a note
 * says why.
 */
import { lstat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { ApplicationGitHub } from '../service/application/issue';
import type { CancellationToken } from '../service/host';
import { branchOfHead, githubRepoOfRemote, parseGitConfig, webHostOfApi } from '../service/publicComment/gitRemote';
import { localPath, readCapped } from './hostAdapters';

const MAX_UP = 8;
const SMALL = 4096;
const CONFIG_MAX = 64 * 1024;

export interface Checkout {
  branch: string;
  config: ReturnType<typeof parseGitConfig>;
}

const isInside = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

async function read(path: string, max: number): Promise<string | undefined> {
  try {
    const r = await readCapped(path, max);
    return r && !r.truncated ? r.text : undefined;
  } catch {
    return undefined;
  }
}

/** The git folder of a checkout root: `.git` itself, or where a `.git` file points (a worktree's or a submodule's). */
async function gitDirOf(root: string): Promise<{ dir: string; common: string } | undefined> {
  const dotGit = join(root, '.git');
  const st = await lstat(dotGit).catch(() => undefined);
  if (st?.isDirectory()) return { dir: dotGit, common: dotGit };
  if (!st?.isFile()) return undefined;
  const first = ((await read(dotGit, SMALL)) ?? '').split('\n', 1)[0] ?? '';
  const pointer = first.startsWith('gitdir:') ? first.slice('gitdir:'.length).trim() : undefined;
  if (!pointer) return undefined;
  const dir = isAbsolute(pointer) ? resolve(pointer) : resolve(root, pointer);
  if (!/[\\/]\.git[\\/](?:worktrees[\\/][^\\/]+|modules[\\/].+)$/.test(dir)) return undefined;
  const commondir = (await read(join(dir, 'commondir'), SMALL))?.trim();
  return { dir, common: commondir ? resolve(dir, commondir) : dir };
}

/** The checkout a document lives in: its branch and remotes; a string says why there is none. */
export async function readCheckout(docUri: string, roots: readonly string[] = []): Promise<Checkout | string> {
  const docPath = localPath(docUri);
  if (!docPath) return 'the document is not a file on this disk';
  const bounds = roots.map((r) => localPath(r)).filter((r): r is string => r !== undefined);
  let folder = dirname(docPath);
  for (let up = 0; up <= MAX_UP; up++) {
    if (bounds.length > 0 && !bounds.some((b) => isInside(folder, b))) break;
    const git = await gitDirOf(folder);
    if (git) {
      const branch = branchOfHead((await read(join(git.dir, 'HEAD'), SMALL)) ?? '');
      if (!branch) return 'the checkout has no branch checked out';
      return { branch, config: parseGitConfig((await read(join(git.common, 'config'), CONFIG_MAX)) ?? '') };
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return 'the document is not in a git checkout';
}

export interface PullSearch {
  github: ApplicationGitHub | undefined;
  allowNetwork: boolean;
  apiUrl: string;
  /** owner/name */
  tocRepo: string;
  roots?: readonly string[];
}

/** The DD pull request's URL, or a note saying why it was not found. */
export async function ddPullFromCheckout(docUri: string, o: PullSearch, token: CancellationToken): Promise<{ url: string } | { note: string }> {
  const none = (why: string): { note: string } => ({ note: `The DD pull request was not found from the git checkout (${why}): DD PR keeps its placeholder.` });
  const checkout = await readCheckout(docUri, o.roots);
  if (typeof checkout === 'string') return none(checkout);
  // github.com's remotes, and those of the configured API's own server (GitHub Enterprise), as the link checks do
  const hosts = [...new Set(['github.com', webHostOfApi(o.apiUrl)])];
  const repoOf = (url: string): { owner: string; name: string } | undefined => hosts.map((h) => githubRepoOfRemote(url, h)).find((r) => r !== undefined);
  const repos = checkout.config.remotes.map((r) => ({ remote: r.name, repo: repoOf(r.url) })).filter((r): r is { remote: string; repo: { owner: string; name: string } } => r.repo !== undefined);
  if (repos.length === 0) return none(`no remote on ${hosts.join(' or ')}`);
  if (!o.allowNetwork) return none('offline, or the workspace is not trusted');
  if (!o.github?.openPull) return none('the GitHub API is not available');
  // the branch's own remote first; the TOC repository, then the remotes' repositories, as bases
  const tracked = checkout.config.branchRemote.get(checkout.branch);
  const heads = [...new Set([...repos.filter((r) => r.remote === tracked), ...repos].map((r) => r.repo.owner))].slice(0, 3);
  const [tocOwner = 'cncf', tocName = 'toc'] = o.tocRepo.split('/');
  const bases = [{ owner: tocOwner, name: tocName }, ...repos.map((r) => r.repo)].filter((b, i, all) => all.findIndex((x) => `${x.owner}/${x.name}`.toLowerCase() === `${b.owner}/${b.name}`.toLowerCase()) === i).slice(0, 3);
  for (const base of bases) {
    for (const owner of heads) {
      const r = await o.github.openPull({ owner: base.owner, repo: base.name }, `${owner}:${checkout.branch}`, token);
      if (!r.ok) return none(r.message);
      if (r.value) return { url: r.value };
    }
  }
  return none(`no open pull request from ${heads.map((h) => `${h}:${checkout.branch}`).join(' or ')} into ${bases.map((b) => `${b.owner}/${b.name}`).join(' or ')}`);
}

/**
 * The public-comment draft (`draft(pullRequest)`), with the DD pull request from the checkout when
 * the document and the options did not give it; a note when it was not found there either.
 */
export async function draftWithCheckoutPull<D extends { pullRequest: string | null; notes: string[] }>(docUri: string, draft: (pullRequest?: string) => D | undefined, o: PullSearch, token: CancellationToken): Promise<D | undefined> {
  const first = draft();
  if (!first || first.pullRequest) return first;
  const found = await ddPullFromCheckout(docUri, o, token);
  if ('url' in found) return draft(found.url);
  return { ...first, notes: [...first.notes, found.note] };
}
